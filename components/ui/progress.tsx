/** A progress bar with its value as text, so it never relies on colour or width alone. */
/** `level`, when given, colours the bar (so a high score that is still not ready is never green). */
export function Progress({ value, label, level }: { value: number | null; label: string; level?: "ready" | "at-risk" | "not-ready" }) {
  const pct = value ?? 0;
  const tone =
    value === null
      ? "bg-zinc-400"
      : level
        ? { ready: "bg-emerald-500", "at-risk": "bg-amber-500", "not-ready": "bg-red-500" }[level]
        : pct >= 90
          ? "bg-emerald-500"
          : pct >= 60
            ? "bg-amber-500"
            : "bg-red-500";
  return (
    <div className="flex items-center gap-2">
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={value ?? undefined}
        aria-valuetext={value === null ? "no applicable items" : `${pct}%`}
        className="h-2 flex-1 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-700"
      >
        <div className={`h-full ${tone}`} style={{ width: `${pct}%` }} />
      </div>
      <span className="w-10 text-right text-sm tabular-nums text-zinc-700 dark:text-zinc-300">
        {value === null ? "—" : `${pct}%`}
      </span>
    </div>
  );
}
