export default function Loading() {
  return (
    <div role="status" aria-live="polite" className="animate-pulse space-y-4">
      <span className="sr-only">Loading the settings…</span>
      <div className="h-8 w-64 rounded bg-zinc-200 dark:bg-zinc-800" />
      <div className="h-4 w-96 max-w-full rounded bg-zinc-100 dark:bg-zinc-900" />
      {[0, 1, 2, 3].map((i) => (
        <div key={i} className="h-16 rounded-lg bg-zinc-100 dark:bg-zinc-900" />
      ))}
    </div>
  );
}
