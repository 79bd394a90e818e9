/**
 * The Atom feed of a status page's incidents (RFC 4287): one entry per incident of the 90 days, newest
 * first, updated when it ended (or started, while open). Built as text with every value escaped; the
 * same public facts as the page (present.ts), nothing more.
 */
import { formatDateTime } from "@/lib/format/time";
import type { PublicIncident, StatusPageView } from "./present";

const XML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

/** Text for XML content and attributes; characters XML 1.0 cannot hold at all are dropped. */
export function xmlEscape(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "").replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);
}

function incidentTitle(i: PublicIncident): string {
  return i.endedAt ? `Resolved: ${i.serviceName} was down for ${i.duration}` : `Ongoing: ${i.serviceName} is down`;
}

function incidentSummary(i: PublicIncident): string {
  const since = `since ${formatDateTime(i.startedAt)}`;
  const span = i.endedAt ? `from ${formatDateTime(i.startedAt)} to ${formatDateTime(i.endedAt)} (${i.duration})` : `${since} (${i.duration} so far)`;
  return `${i.serviceName} failed its health checks ${span}; cause: ${i.cause}.`;
}

/** `pageUrl`: the absolute URL of the status page (the feed's alternate link and the base of entry ids). */
export function statusFeedXml(view: StatusPageView, pageUrl: string): string {
  const incidents = [...view.openIncidents, ...view.pastIncidents].sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime());
  const updatedOf = (i: PublicIncident) => i.endedAt ?? i.startedAt;
  const updated = incidents.reduce((max, i) => (updatedOf(i) > max ? updatedOf(i) : max), new Date(0));
  const feedUpdated = incidents.length ? updated : view.generatedAt;
  const entries = incidents.map(
    (i) => `  <entry>
    <id>${xmlEscape(`${pageUrl}#incident-${i.id}`)}</id>
    <title>${xmlEscape(incidentTitle(i))}</title>
    <updated>${updatedOf(i).toISOString()}</updated>
    <published>${i.startedAt.toISOString()}</published>
    <link rel="alternate" type="text/html" href="${xmlEscape(`${pageUrl}#incident-${i.id}`)}"/>
    <summary type="text">${xmlEscape(incidentSummary(i))}</summary>
  </entry>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${xmlEscape(pageUrl)}</id>
  <title>${xmlEscape(`${view.title}: incidents`)}</title>
  <updated>${feedUpdated.toISOString()}</updated>
  <author><name>${xmlEscape(view.title)}</name></author>
  <link rel="alternate" type="text/html" href="${xmlEscape(pageUrl)}"/>
  <link rel="self" type="application/atom+xml" href="${xmlEscape(`${pageUrl}/feed.atom`)}"/>
${entries.join("\n")}
</feed>
`;
}
