import type { TEquivalenceRow } from '@portico/contracts';
import { Badge, type BadgeTone } from '@/modules/ui/components/badge';
import { Table, Td, Th } from '@/modules/ui/components/table';

const TONE: Record<TEquivalenceRow['verdict'], BadgeTone> = { equal: 'success', changed: 'warning', lost: 'danger' };

/** One row per host, path and scheme: the verdict, then each request with where it went before and after. */
export function EquivalenceTable({ rows }: { rows: TEquivalenceRow[] }) {
  return (
    <Table label="Traffic equivalence" stackOnPhone>
      <thead>
        <tr>
          <Th>Host and path</Th>
          <Th>Type</Th>
          <Th>Verdict</Th>
          <Th>Requests: before → after</Th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={i} data-testid="equivalence-row">
            <Td className="font-mono text-xs">
              {r.scheme}://{r.host || '*'}
              {r.path}
            </Td>
            <Td label="Type">{r.pathType}</Td>
            <Td label="Verdict">
              <Badge tone={TONE[r.verdict]}>{r.verdict}</Badge>
            </Td>
            <Td label="Requests" className="text-xs">
              <ul className="space-y-0.5">
                {r.probes.map((p) => (
                  <li key={p.request}>
                    <span className="font-mono text-zinc-900">{p.request}</span>: <span className="font-mono">{p.before}</span>
                    {p.before === p.after ? (
                      ' (same)'
                    ) : (
                      <>
                        {' '}
                        → <span className="font-mono font-medium text-zinc-900">{p.after}</span>
                      </>
                    )}
                  </li>
                ))}
              </ul>
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
