// Shown inside the shell while a page's data loads.
export default function Loading() {
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
