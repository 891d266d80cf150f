import type { TProblem } from '@portico/contracts';
import { problemMessage } from '@/modules/api/lib/problem';
import { Alert } from '@/modules/ui/components/alert';
import { PageHeader } from '@/modules/ui/components/page-header';

/** A change page whose object (or cluster) could not be read: its title and the API's reason. */
export function LoadError({ title, what, problem }: { title: string; what: string; problem: TProblem }) {
  return (
    <>
      <PageHeader title={title} />
      <Alert tone="error" title={`Could not load ${what}`}>
        {problemMessage(problem)}
      </Alert>
    </>
  );
}
