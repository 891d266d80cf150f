import { cx } from '@/modules/ui/lib/cx';
import { diffLineKind, type DiffLineKind } from '../lib/line-diff';
import { yamlLineTokens, type YamlTokenKind } from '../lib/yaml-tokens';

const DIFF_LINE: Record<DiffLineKind, string> = {
  add: 'bg-emerald-950/70 text-emerald-200',
  del: 'bg-red-950/70 text-red-200',
  hunk: 'text-sky-300',
  meta: 'text-zinc-400',
  same: 'text-zinc-300',
};

/** A unified diff, + lines green and − lines red (each line also keeps its sign, for colour-blind readers). */
export function DiffView({ diff, label }: { diff: string; label: string }) {
  if (!diff.trim()) return <p className="text-sm text-zinc-500">No difference.</p>;
  return (
    <pre tabIndex={0} aria-label={label} data-testid="diff" className="max-h-[28rem] overflow-auto rounded-md bg-zinc-950 py-3 font-mono text-[12px] leading-5">
      {diff.split('\n').map((line, i) => (
        <span key={i} data-diff={diffLineKind(line)} className={cx('block px-4 whitespace-pre', DIFF_LINE[diffLineKind(line)])}>
          {line || ' '}
        </span>
      ))}
    </pre>
  );
}

export const YAML_TOKEN: Record<YamlTokenKind, string> = {
  key: 'text-sky-300',
  string: 'text-amber-200',
  number: 'text-violet-300',
  bool: 'text-pink-300',
  comment: 'text-zinc-500 italic',
  punct: 'text-zinc-400',
  plain: 'text-zinc-100',
};

/** YAML lines as highlighted spans; shared by the read-only view and the editor's overlay. */
export function YamlLines({ text }: { text: string }) {
  return text.split('\n').map((line, i) => (
    <span key={i} className="block whitespace-pre">
      {yamlLineTokens(line).map((t, j) => (
        <span key={j} className={YAML_TOKEN[t.kind]}>
          {t.text}
        </span>
      ))}
      {line === '' ? ' ' : null}
    </span>
  ));
}

export function YamlView({ yaml, label }: { yaml: string; label: string }) {
  return (
    <pre tabIndex={0} aria-label={label} className="max-h-[28rem] overflow-auto rounded-md bg-zinc-950 px-4 py-3 font-mono text-[12px] leading-5">
      <YamlLines text={yaml} />
    </pre>
  );
}
