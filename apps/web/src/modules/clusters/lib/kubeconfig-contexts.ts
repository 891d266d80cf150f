/**
 * The context names of a kubeconfig and its `current-context`, from a cheap line scan (no YAML
 * parser in the browser bundle). Good enough to offer a picker; the API parses for real and
 * answers 400 on `context` (listing them) when the scan missed something.
 */
export function kubeconfigContexts(yaml: string): { contexts: string[]; current: string | null } {
  const lines = yaml.split(/\r?\n/);
  const contexts: string[] = [];
  let current: string | null = null;
  let inContexts = false;
  let itemIndent = -1;
  for (const line of lines) {
    if (/^\s*(#.*)?$/.test(line)) continue;
    const top = /^([A-Za-z-]+):\s*(.*)$/.exec(line);
    if (top) {
      inContexts = top[1] === 'contexts';
      itemIndent = -1;
      if (top[1] === 'current-context') current = unquote(top[2]) || null;
      continue;
    }
    if (!inContexts) continue;
    // `- name: x` opens an item; `  name: x` at the item's own indent belongs to it.
    const item = /^(\s*)-\s+(.*)$/.exec(line);
    let indent: number;
    let rest: string;
    if (item) {
      indent = item[1].length + 2;
      rest = item[2]!;
      itemIndent = indent;
    } else {
      const m = /^(\s*)(.*)$/.exec(line)!;
      indent = m[1].length;
      rest = m[2]!;
    }
    const name = /^name:\s*(.+)$/.exec(rest);
    if (name && indent === itemIndent) {
      const value = unquote(name[1]);
      if (value && !contexts.includes(value)) contexts.push(value);
    }
  }
  return { contexts, current: current && contexts.includes(current) ? current : current };
}

function unquote(raw: string): string {
  const v = raw.replace(/\s+#.*$/, '').trim();
  if ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'"))) return v.slice(1, -1);
  return v;
}

/** Whether the kubeconfig turns TLS verification off (the API then wants explicit consent). */
export function kubeconfigSkipsTls(yaml: string): boolean {
  return /^\s*insecure-skip-tls-verify:\s*["']?true/m.test(yaml);
}

/**
 * Whether the text can be a kubeconfig at all: one names its `clusters` and `contexts` (in YAML
 * or JSON). Checked in the browser so a submit flags a wrong file together with a wrong name; what
 * passes is still parsed for real by the API (no false refusal: a kubeconfig without both keys
 * is one the API refuses too).
 */
export function looksLikeKubeconfig(text: string): boolean {
  return /\bclusters\b/.test(text) && /\bcontexts\b/.test(text);
}
export const NOT_A_KUBECONFIG = 'This is not a kubeconfig: it has no `clusters` and `contexts`. Paste the output of `kubectl config view --raw --minify --flatten`, or upload the file.';
