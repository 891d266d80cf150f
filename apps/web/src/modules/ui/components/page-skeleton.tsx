/**
 * What a list page shows while its data loads. Used by the `loading.tsx` of pages that cannot be
 * "not found": a loading boundary starts the response (200) before the page runs, so a page that
 * may call `notFound()` (objects, clusters/[id]) must have none above it to answer 404.
 */
export function PageSkeleton() {
  return (
    <div role="status" aria-live="polite" className="animate-pulse space-y-6">
      <span className="sr-only">Loading…</span>
      <div className="space-y-2 border-b border-zinc-200 pb-5">
        <div className="h-6 w-48 rounded bg-zinc-200" />
        <div className="h-4 w-96 max-w-full rounded bg-zinc-200/70" />
      </div>
      <div className="h-40 rounded-lg border border-zinc-200 bg-white" />
      <div className="h-64 rounded-lg border border-zinc-200 bg-white" />
    </div>
  );
}
