import { Button } from './button';

/** The "Load more" footer of a paginated table, with its own live status line. */
export function LoadMore({
  hasMore,
  loading,
  error,
  onLoadMore,
  shown,
  noun,
}: {
  hasMore: boolean;
  loading: boolean;
  error: string | null;
  onLoadMore: () => void;
  shown: number;
  noun: [singular: string, plural: string];
}) {
  return (
    <div className="flex flex-wrap items-center justify-between gap-3 pt-4">
      <p aria-live="polite" className="text-xs text-zinc-500">
        {loading ? 'Loading…' : `Showing ${shown} ${shown === 1 ? noun[0] : noun[1]}${hasMore ? '' : ' — that is all'}`}
      </p>
      {error && (
        <p role="alert" className="text-xs font-medium text-red-700">
          {error}
        </p>
      )}
      {hasMore && (
        <Button size="sm" onClick={onLoadMore} disabled={loading}>
          {loading ? 'Loading…' : 'Load more'}
        </Button>
      )}
    </div>
  );
}
