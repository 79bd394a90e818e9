"use client";

import { useState } from "react";
import { changedAnnouncements, type Announcement } from "@/lib/status/announce";

/**
 * Tells screen readers, politely, what changed when a live page re-renders (components/ui/live-refresh.tsx):
 * "Health check api: Down". Only a status that differs from the previous render is read, never the
 * first render nor a refresh that changed nothing; things that appear or disappear are not announced.
 * The region is in the page from the start (empty), as live regions must be to be heard.
 */
export function StatusAnnouncer({ statuses }: { statuses: Announcement[] }) {
  const signature = statuses.map((s) => `${s.key}\u0000${s.text}`).join("\u0001");
  const [seen, setSeen] = useState({ signature, statuses });
  const [message, setMessage] = useState("");
  // Adjusting state while rendering when the props change (react.dev, "you might not need an effect").
  if (seen.signature !== signature) {
    const changed = changedAnnouncements(seen.statuses, statuses);
    setSeen({ signature, statuses });
    if (changed) setMessage(changed);
  }
  return (
    <div role="status" aria-live="polite" aria-atomic="true" className="sr-only" data-testid="status-announcer">
      {message}
    </div>
  );
}
