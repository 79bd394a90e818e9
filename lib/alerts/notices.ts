/**
 * Who was told about what (issue #14 point 6): the alert events behind a service page's incidents,
 * thresholds, backup monitors and recovery targets, each with where its first message went (one row per
 * channel; reminders are left out) and how that went. One query per page, never one per row.
 *
 * Channel names are for the roles that may see the channels (alerts:read); for everybody else the
 * deliveries come back without them, so a page cannot show what its reader may not see (decision 0029).
 */
import type { Pool } from "pg";
import { can, type Actor } from "@/lib/auth/actor";
import { db, sqlPool } from "@/lib/db";
import { deliveryState, type DeliveryState } from "./channel-status";

export interface NoticeDelivery {
  /** null when the reader may not see the team's channels */
  channelName: string | null;
  state: DeliveryState;
  /** delivered: when it arrived; failed or retrying: the last attempt; queued: when it was queued */
  at: Date;
  /** the last attempt's error (failed, retrying), for readers who see the channels */
  error: string | null;
}

export interface EventNotice {
  eventId: string;
  type: string;
  occurredAt: Date;
  /** raised during a maintenance window: nobody was told, on purpose */
  suppressed: boolean;
  /** by channel name (unnamed ones last) */
  deliveries: NoticeDelivery[];
}

export interface NoticeOptions {
  /** include channel names and errors (the reader has alerts:read on the team) */
  channelNames: boolean;
  pool?: Pool;
}

interface Row {
  subject: string;
  eventId: string;
  type: string;
  occurredAt: Date;
  suppressed: boolean;
  channelName: string | null;
  status: "pending" | "delivered" | "failed" | null;
  attempts: number | null;
  deliveredAt: Date | null;
  lastAttemptAt: Date | null;
  createdAt: Date | null;
  lastError: string | null;
}

/** The events' deliveries, sequence 0 only; `ev` is a CTE of (subject, id, type, occurredAt, suppressed). */
const WITH_DELIVERIES = `
SELECT ev.subject, ev.id AS "eventId", ev.type, ev."occurredAt", ev.suppressed,
       c.name AS "channelName", d.status::text AS status, d.attempts, d."deliveredAt", d."lastAttemptAt", d."createdAt", d."lastError"
  FROM ev
  LEFT JOIN "AlertDelivery" d ON d."eventId" = ev.id AND d.sequence = 0
  LEFT JOIN "AlertChannel" c ON c.id = d."channelId"
 ORDER BY ev."occurredAt", ev.id, c.name, c.id`;

function deliveryOf(r: Row, channelNames: boolean): NoticeDelivery | null {
  if (r.status === null) return null;
  const state = deliveryState({ status: r.status, attempts: r.attempts! });
  const at = (state === "delivered" ? r.deliveredAt : state === "queued" ? r.createdAt : r.lastAttemptAt) ?? r.createdAt!;
  return { channelName: channelNames ? r.channelName : null, state, at, error: channelNames && state !== "delivered" ? r.lastError : null };
}

/** Rows of WITH_DELIVERIES folded into one notice per event, grouped by subject (oldest event first). */
function fold(rows: readonly Row[], channelNames: boolean): Map<string, EventNotice[]> {
  const bySubject = new Map<string, EventNotice[]>();
  const byEvent = new Map<string, EventNotice>();
  for (const r of rows) {
    let notice = byEvent.get(r.eventId);
    if (!notice) {
      notice = { eventId: r.eventId, type: r.type, occurredAt: r.occurredAt, suppressed: r.suppressed, deliveries: [] };
      byEvent.set(r.eventId, notice);
      bySubject.set(r.subject, [...(bySubject.get(r.subject) ?? []), notice]);
    }
    const d = deliveryOf(r, channelNames);
    if (d) notice.deliveries.push(d);
  }
  return bySubject;
}

/**
 * The check.down and check.up events of these incidents, by incident id (down first). Found by their
 * dedupe keys (`check.down:<incident id>`, unique and indexed), so no scan of the service's events.
 */
export async function incidentNotices(incidentIds: readonly string[], options: NoticeOptions): Promise<Map<string, EventNotice[]>> {
  if (incidentIds.length === 0) return new Map();
  const keys = incidentIds.flatMap((id) => [`check.down:${id}`, `check.up:${id}`]);
  const { rows } = await (options.pool ?? sqlPool()).query<Row>(
    `WITH ev AS (
       SELECT e.details->>'incidentId' AS subject, e.id, e.type, e."occurredAt", e.suppressed
         FROM "AlertEvent" e WHERE e."dedupeKey" = ANY ($1::text[])
     )${WITH_DELIVERIES}`,
    [keys],
  );
  return fold(rows, options.channelNames);
}

/** What a subject's last event is about: the threshold, or the component of a backup or of a drill. */
export type NoticeSubject = "threshold" | "backup" | "drill";

const SUBJECTS: Record<NoticeSubject, { types: readonly string[]; key: string }> = {
  threshold: { types: ["threshold.breached", "threshold.cleared"], key: "thresholdId" },
  backup: { types: ["backup.overdue", "backup.failed", "backup.recovered"], key: "component" },
  drill: { types: ["drill.missed", "drill.overdue"], key: "component" },
};

/** `backup:db`, `threshold:<id>`: the key of latestNotices' map. */
export const subjectKey = (subject: NoticeSubject, id: string) => `${subject}:${id}`;

/**
 * The newest event of each threshold (by id) or each component's backups and drills, of one service,
 * keyed by subjectKey(). One query: the newest event per subject (DISTINCT ON, by the service's
 * events index), then its deliveries.
 */
export async function latestNotices(serviceId: string, subjects: readonly NoticeSubject[], options: NoticeOptions): Promise<Map<string, EventNotice>> {
  if (subjects.length === 0) return new Map();
  const kinds = subjects.flatMap((s) => SUBJECTS[s].types.map((type) => ({ type, subject: s, key: SUBJECTS[s].key })));
  const { rows } = await (options.pool ?? sqlPool()).query<Row>(
    `WITH kinds AS (
       SELECT * FROM unnest($2::text[], $3::text[], $4::text[]) AS k(type, subject, key)
     ), ev AS (
       SELECT DISTINCT ON (k.subject, e.details->>k.key) k.subject || ':' || (e.details->>k.key) AS subject, e.id, e.type, e."occurredAt", e.suppressed
         FROM "AlertEvent" e JOIN kinds k ON k.type = e.type
        WHERE e."serviceId" = $1 AND e.details->>k.key IS NOT NULL
        ORDER BY k.subject, e.details->>k.key, e."occurredAt" DESC, e.id DESC
     )${WITH_DELIVERIES}`,
    [serviceId, kinds.map((k) => k.type), kinds.map((k) => k.subject), kinds.map((k) => k.key)],
  );
  return new Map([...fold(rows, options.channelNames)].map(([subject, [notice]]) => [subject, notice!]));
}

export interface NoticeReader {
  /** the reader sees the team's channels (alerts:read): names, errors, and the link to the deliveries */
  channelNames: boolean;
  /** the Notifications page with the deliveries about this service only; null for other readers */
  deliveriesHref: string | null;
}

/** What a page's reader is told of its notifications, and where the whole list is. */
export async function noticeReader(actor: Actor, teamId: string, serviceSlug: string): Promise<NoticeReader> {
  if (!can(actor, teamId, "alerts:read")) return { channelNames: false, deliveriesHref: null };
  const team = await db.team.findUniqueOrThrow({ where: { id: teamId }, select: { slug: true } });
  return { channelNames: true, deliveriesHref: `/teams/${team.slug}/notifications?${new URLSearchParams({ service: serviceSlug })}` };
}
