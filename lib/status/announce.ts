/**
 * What a live page tells screen readers when a status changes between two renders
 * (components/ui/status-announcer.tsx): one sentence per thing, in the words of lib/status/present.ts.
 */
import type { CheckStatus } from "@/lib/probes/state";
import type { ThresholdState } from "@/lib/thresholds/evaluate";
import { CHECK_STATUS, PAUSED, THRESHOLD_STATUS } from "./present";

export interface Announcement {
  /** stable identity of the thing (a check's id) */
  key: string;
  /** what is read when it changes: "Health check api: Down" */
  text: string;
}

/**
 * What to read after a re-render: the sentences of things present before and after whose sentence changed,
 * joined; "" when nothing did (things that appeared or disappeared are not read).
 */
export function changedAnnouncements(before: Announcement[], after: Announcement[]): string {
  const previous = new Map(before.map((a) => [a.key, a.text]));
  return after
    .filter((a) => previous.has(a.key) && previous.get(a.key) !== a.text)
    .map((a) => a.text)
    .join(". ");
}

/** "Health check api: Down" (a paused check: "Health check api: Paused"). */
export function checkAnnouncements(checks: { id: string; name: string; status: CheckStatus; enabled: boolean }[]): Announcement[] {
  return checks.map((c) => ({ key: c.id, text: `Health check ${c.name}: ${c.enabled ? CHECK_STATUS[c.status].text : PAUSED.text}` }));
}

/** "Threshold CPU usage: Breached". */
export function thresholdAnnouncements(thresholds: { id: string; label: string; status: ThresholdState }[]): Announcement[] {
  return thresholds.map((t) => ({ key: t.id, text: `Threshold ${t.label}: ${THRESHOLD_STATUS[t.status].text}` }));
}

/**
 * The uptime page's ongoing incidents as one sentence ("Ongoing incident: api", "No ongoing incident"),
 * so an incident that opens or ends between two renders is read.
 */
export function ongoingIncidentAnnouncement(incidents: { checkName: string; endedAt: Date | null }[]): Announcement[] {
  const names = [...new Set(incidents.filter((i) => !i.endedAt).map((i) => i.checkName))];
  const text = names.length ? `Ongoing incident${names.length === 1 ? "" : "s"}: ${names.join(", ")}` : "No ongoing incident";
  return [{ key: "ongoing-incidents", text }];
}
