import { formatDate, formatDateTime, formatRelative, isoString, type Instant } from "@/lib/format/time";

/** A moment as "26 Nov 2026, 19:25 UTC" (or "26 Nov 2026" with `dateOnly`), machine-readable too. */
export function DateTime({ at, dateOnly = false, seconds = false }: { at: Instant; dateOnly?: boolean; seconds?: boolean }) {
  return <time dateTime={isoString(at)}>{dateOnly ? formatDate(at) : formatDateTime(at, { seconds })}</time>;
}

/**
 * Where recency matters: "5 min ago" / "in 3 h", with the moment itself in the title and the
 * dateTime attribute. `now` is the server's clock of this request (server components only), so the
 * text is decided once on the server and never differs on hydration.
 */
export function RelativeTime({ at, now, className }: { at: Instant; now: Instant; className?: string }) {
  return (
    <time dateTime={isoString(at)} title={formatDateTime(at)} className={className}>
      {formatRelative(at, now)}
    </time>
  );
}
