import { formatDate, formatDateTime, isoString, type Instant } from "@/lib/format/time";

/** A moment as "26 Nov 2026, 19:25 UTC" (or "26 Nov 2026" with `dateOnly`), machine-readable too. */
export function DateTime({ at, dateOnly = false, seconds = false }: { at: Instant; dateOnly?: boolean; seconds?: boolean }) {
  return <time dateTime={isoString(at)}>{dateOnly ? formatDate(at) : formatDateTime(at, { seconds })}</time>;
}


export { RelativeTime } from "./relative-time";
