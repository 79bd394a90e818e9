"use client";

import { formatDateTime, formatRelative, isoString, toDate, type Instant } from "@/lib/format/time";
import { useNow } from "./use-now";

/**
 * Where recency matters: "12 s ago", "5 min ago", "in 3 h", with the moment itself in the title and the
 * dateTime attribute. The server renders the phrase against its clock of the request (`now`); in the
 * browser it then ages every second (one shared timer, stopped in hidden tabs). Hydration is safe: the
 * first render in the browser uses the server's `now` too.
 */
export function RelativeTime({ at, now, className }: { at: Instant; now: Instant; className?: string }) {
  const current = useNow(toDate(now).getTime());
  return (
    <time dateTime={isoString(at)} title={formatDateTime(at)} className={className}>
      {formatRelative(at, current)}
    </time>
  );
}
