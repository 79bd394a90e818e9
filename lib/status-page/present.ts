/**
 * The public status page in words: each service's status, its 90 day bars (uptime and incidents per UTC
 * day), the open incidents and maintenance windows, and the incident history. Pure: the rows come from
 * query.ts, `now` from the caller. What a visitor reads is decided here (docs/decisions/0040): service
 * names and descriptions, statuses, uptime, incident times and the class of their error, maintenance
 * windows with their reason; never a check, its URL, an error message or a member.
 */
import { formatDate, formatDuration } from "@/lib/format/time";
import type { StatusWord } from "@/lib/status/present";
import { uptimePercent, type Counts } from "@/lib/uptime/math";
import { availabilityLevel, ERROR_CLASS_TEXT, formatPercent, type AvailabilityLevel } from "@/lib/uptime/present";
import { rangeWindow } from "@/lib/uptime/ranges";
import type { StatusPageData, StatusPageServiceRow } from "./query";

const DAY = 86_400_000;
export const STATUS_PAGE_DAYS = 90;

/** The window of the bars: the 90 UTC days up to the one in progress (the uptime page's 90d range). */
export function statusPageWindow(now: Date): { from: Date; end: Date; now: Date } {
  const w = rangeWindow("90d", now.getTime());
  return { from: new Date(w.from), end: new Date(w.end), now };
}

export type PublicStatus = "operational" | "degraded" | "outage" | "maintenance" | "unknown";

export const PUBLIC_STATUS: Record<PublicStatus, StatusWord> = {
  operational: { tone: "good", text: "Operational" },
  degraded: { tone: "warning", text: "Degraded performance" },
  outage: { tone: "bad", text: "Outage" },
  maintenance: { tone: "neutral", text: "Under maintenance" },
  unknown: { tone: "neutral", text: "No data" },
};

/** A service in maintenance says so whatever its checks say (their failures then raise no alert either). */
export function publicStatus(s: Pick<StatusPageServiceRow, "status" | "maintenanceUntil">): PublicStatus {
  if (s.maintenanceUntil) return "maintenance";
  if (s.status === "down") return "outage";
  if (s.status === "degraded") return "degraded";
  return s.status === "up" ? "operational" : "unknown";
}

/** The page's headline from its services: the worst of them, "No services listed" when there are none. */
export function overallStatus(statuses: PublicStatus[]): StatusWord {
  if (statuses.length === 0) return { tone: "neutral", text: "No services listed" };
  if (statuses.includes("outage")) return { tone: "bad", text: statuses.every((s) => s === "outage") ? "Major outage" : "Partial outage" };
  if (statuses.includes("degraded")) return { tone: "warning", text: "Degraded performance" };
  if (statuses.includes("maintenance")) return { tone: "neutral", text: "Maintenance in progress" };
  if (statuses.every((s) => s === "unknown")) return { tone: "neutral", text: "No data yet" };
  return { tone: "good", text: "All systems operational" };
}

export interface DayBar extends Counts {
  /** UTC midnight (ms) */
  t: number;
  maintenance: number;
  availability: number | null;
  level: AvailabilityLevel;
  /** incidents of the service that were open at some time of the day */
  incidents: number;
  /** "7 Dec 2026: 99.95 % uptime, 1 incident" */
  text: string;
}

export interface PublicIncident {
  id: string;
  serviceName: string;
  startedAt: Date;
  endedAt: Date | null;
  /** "connection refused": the error's class, never its message */
  cause: string;
  /** "14 min", or how long so far for an open one */
  duration: string;
}

export interface PublicMaintenance {
  id: string;
  serviceName: string;
  startsAt: Date;
  endsAt: Date;
  reason: string;
  open: boolean;
}

export interface PublicService {
  id: string;
  name: string;
  description: string;
  status: PublicStatus;
  word: StatusWord;
  /** over the 90 days; null without probes */
  uptime: number | null;
  bars: DayBar[];
}

export interface StatusPageView {
  teamSlug: string;
  title: string;
  overall: StatusWord;
  services: PublicService[];
  openIncidents: PublicIncident[];
  /** the 90 days' incidents that have ended, newest first */
  pastIncidents: PublicIncident[];
  maintenance: PublicMaintenance[];
  /** when the figures were read (the page is cached for 30 s) */
  generatedAt: Date;
}

function dayText(t: number, availability: number | null, maintenance: number, incidents: number): string {
  const uptime = availability === null ? (maintenance ? "maintenance" : "no data") : `${formatPercent(availability)} uptime`;
  const count = incidents === 0 ? "no incidents" : `${incidents} incident${incidents === 1 ? "" : "s"}`;
  return `${formatDate(t)}: ${uptime}, ${count}`;
}

/** One bar per UTC day of the window, gaps included as "no data"; incidents counted on each day they were open. */
export function dayBars(
  serviceId: string,
  days: StatusPageData["days"],
  incidents: StatusPageData["incidents"],
  window: { from: Date; now: Date },
): DayBar[] {
  const from = window.from.getTime();
  const byDay = new Map(days.filter((d) => d.serviceId === serviceId).map((d) => [Number(d.day), d]));
  const own = incidents.filter((i) => i.serviceId === serviceId);
  const bars: DayBar[] = [];
  for (let k = 0; k < STATUS_PAGE_DAYS; k++) {
    const t = from + k * DAY;
    const d = byDay.get(t);
    const counts = { up: d?.up ?? 0, down: d?.down ?? 0, degraded: d?.degraded ?? 0, maintenance: d?.maintenance ?? 0 };
    const open = own.filter((i) => i.startedAt.getTime() < t + DAY && (i.endedAt === null || i.endedAt.getTime() > t)).length;
    const availability = uptimePercent(counts);
    bars.push({ t, ...counts, availability, level: availabilityLevel(counts), incidents: open, text: dayText(t, availability, counts.maintenance, open) });
  }
  return bars;
}

export function buildStatusPageView(data: StatusPageData, window: { from: Date; now: Date }): StatusPageView {
  const names = new Map(data.page.services.map((s) => [s.id, s.name]));
  const services: PublicService[] = data.page.services.map((s) => {
    const bars = dayBars(s.id, data.days, data.incidents, window);
    const total = bars.reduce((c, b) => ({ up: c.up + b.up, down: c.down + b.down, degraded: c.degraded + b.degraded }), { up: 0, down: 0, degraded: 0 });
    const status = publicStatus(s);
    return { id: s.id, name: s.name, description: s.description, status, word: PUBLIC_STATUS[status], uptime: uptimePercent(total), bars };
  });
  const incidents: PublicIncident[] = data.incidents.map((i) => ({
    id: i.id,
    serviceName: names.get(i.serviceId) ?? "",
    startedAt: i.startedAt,
    endedAt: i.endedAt,
    cause: ERROR_CLASS_TEXT[i.errorClass ?? ""] ?? "failed health checks",
    duration: formatDuration(Math.max(60, Math.round(((i.endedAt ?? window.now).getTime() - i.startedAt.getTime()) / 60_000) * 60)),
  }));
  const now = window.now.getTime();
  return {
    teamSlug: data.page.teamSlug,
    title: data.page.title,
    overall: overallStatus(services.map((s) => s.status)),
    services,
    openIncidents: incidents.filter((i) => i.endedAt === null),
    pastIncidents: incidents.filter((i) => i.endedAt !== null),
    maintenance: data.maintenance.map((m) => ({ ...m, serviceName: names.get(m.serviceId) ?? "", open: m.startsAt.getTime() <= now })),
    generatedAt: window.now,
  };
}
