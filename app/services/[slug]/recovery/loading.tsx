export default function Loading() {
  return (
    <div role="status" aria-live="polite" className="animate-pulse space-y-4">
      <span className="sr-only">Loading recovery targets, backups and the log…</span>
      <div className="h-8 w-72 rounded bg-zinc-200 dark:bg-zinc-800" />
      <div className="h-40 rounded-lg bg-zinc-100 dark:bg-zinc-900" />
      <div className="h-24 rounded-lg bg-zinc-100 dark:bg-zinc-900" />
      <div className="h-56 rounded-lg bg-zinc-100 dark:bg-zinc-900" />
    </div>
  );
}
