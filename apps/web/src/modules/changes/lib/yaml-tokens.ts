/**
 * A small YAML highlighter for the editor: enough to tell keys, values, comments and list
 * markers apart at a glance, line by line, with no parser state (a full editor such as
 * CodeMirror would inject `<style>` elements at runtime, which the portal's CSP refuses).
 */
export type YamlTokenKind = 'key' | 'string' | 'number' | 'bool' | 'comment' | 'punct' | 'plain';
export interface YamlToken {
  kind: YamlTokenKind;
  text: string;
}

const KEY = /^(\s*(?:-\s+)*)((?:"[^"]*"|'[^']*'|[^\s#'"{}[\],][^#:]*?))(\s*:)(?=\s|$)/;

/** The tokens of one line; their texts joined give the line back exactly. */
export function yamlLineTokens(line: string): YamlToken[] {
  const out: YamlToken[] = [];
  let rest = line;
  const key = KEY.exec(rest);
  if (key) {
    pushIndent(out, key[1]);
    out.push({ kind: 'key', text: key[2] }, { kind: 'punct', text: key[3] });
    rest = rest.slice(key[0].length);
  } else {
    const dash = /^(\s*)(-)(?=\s|$)/.exec(rest);
    if (dash) {
      if (dash[1]) out.push({ kind: 'plain', text: dash[1] });
      out.push({ kind: 'punct', text: '-' });
      rest = rest.slice(dash[0].length);
    }
  }
  const comment = commentStart(rest);
  const value = comment < 0 ? rest : rest.slice(0, comment);
  if (value) out.push(...valueTokens(value));
  if (comment >= 0) out.push({ kind: 'comment', text: rest.slice(comment) });
  return out;
}

function pushIndent(out: YamlToken[], indent: string) {
  const m = /^(\s*)((?:-\s+)*)$/.exec(indent);
  if (m?.[1]) out.push({ kind: 'plain', text: m[1] });
  if (m?.[2]) out.push({ kind: 'punct', text: m[2] });
}

/** Where a comment starts: `#` at the line start or after a space, outside quotes. */
function commentStart(s: string): number {
  let quote: string | null = null;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(s[i - 1]))) return i;
  }
  return -1;
}

function valueTokens(value: string): YamlToken[] {
  const m = /^(\s*)(.*?)(\s*)$/.exec(value)!;
  const [, lead, body, trail] = m;
  const out: YamlToken[] = [];
  if (lead) out.push({ kind: 'plain', text: lead });
  if (body) out.push({ kind: kindOf(body), text: body });
  if (trail) out.push({ kind: 'plain', text: trail });
  return out;
}

function kindOf(v: string): YamlTokenKind {
  if (/^(true|false|null|~|yes|no)$/i.test(v)) return 'bool';
  if (/^[-+]?(\d+(\.\d+)?|0x[0-9a-f]+)$/i.test(v)) return 'number';
  if (/^[|>][-+]?\d*$/.test(v) || /^[{}[\],]$/.test(v)) return 'punct';
  return 'string';
}
