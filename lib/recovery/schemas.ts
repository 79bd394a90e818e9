/** Input of the recovery API and forms: RTO targets, log entries and backup monitors (zod, also used by OpenAPI). */
import { z } from "zod";

export const COMPONENT_MAX = 80;
const component = z.string().trim().min(1, "Name the component.").max(COMPONENT_MAX);
const DAY = 86_400;

/** The API spells kinds with a hyphen; the database enum cannot. */
export const EVENT_KINDS = ["backup", "restore-test", "drill"] as const;
export type EventKind = (typeof EVENT_KINDS)[number];
export const toDbKind = (k: EventKind) => (k === "restore-test" ? "restore_test" : k);
export const fromDbKind = (k: "backup" | "restore_test" | "drill"): EventKind => (k === "restore_test" ? "restore-test" : k);

export const EVENT_STATUSES = ["success", "failed", "started"] as const;

export const rtoTargetSchema = z
  .object({
    component,
    rtoSeconds: z.number({ error: "Enter the RTO as a number." }).int("Give the RTO in whole seconds.").min(1, "The RTO must be longer than zero.").max(30 * DAY, "The RTO can be at most 30 days."),
    rpoSeconds: z.number({ error: "Enter the RPO as a number." }).int("Give the RPO in whole seconds.").min(0, "The RPO cannot be negative.").max(365 * DAY, "The RPO can be at most 365 days.").nullable().default(null),
    drillIntervalDays: z.number({ error: "Enter the drill interval in days." }).int("Enter whole days.").min(1, "The drill interval must be between 1 and 3,650 days.").max(3650, "The drill interval must be between 1 and 3,650 days.").default(90),
    /** Markdown; rendered without raw HTML */
    procedure: z.string().max(20_000, "Keep the procedure under 20,000 characters.").default(""),
  })
  .strict();
export type RtoTargetInput = z.input<typeof rtoTargetSchema>;

const instant = z.iso.datetime({ offset: true }).transform((s) => new Date(s));

export const recoveryEventSchema = z
  .object({
    kind: z.enum(EVENT_KINDS),
    component,
    status: z.enum(["success", "failed"]),
    /** with `durationSeconds` and no start: startedAt = finishedAt − durationSeconds */
    startedAt: instant.optional(),
    /** defaults to startedAt + durationSeconds, else to now */
    finishedAt: instant.optional(),
    /** with two of start, end and duration the third follows; alone, the entry ends now */
    durationSeconds: z.number({ error: "Enter the duration as a number." }).int("Give the duration in whole seconds.").min(0, "A duration cannot be negative.").max(30 * DAY, "A duration can be at most 30 days.").optional(),
    sizeBytes: z.number({ error: "Enter the size as a number." }).int("Give the size in whole bytes.").min(0, "A size cannot be negative.").max(Number.MAX_SAFE_INTEGER).optional(),
    location: z.string().trim().max(500).optional(),
    checksum: z.string().trim().max(200).optional(),
    /** restore tests and drills: the data point restored to (achieved RPO = startedAt − restoredToAt) */
    restoredToAt: instant.optional(),
    /** who or which job reported it; defaults to the caller's email */
    reportedBy: z.string().trim().min(1).max(200).optional(),
    notes: z.string().trim().max(4000).optional(),
    logExcerpt: z.string().max(10_240).optional(),
    /** id of the entry this one corrects (entries are never changed) */
    correctsId: z.string().trim().min(1).max(40).optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.durationSeconds !== undefined && v.startedAt && v.finishedAt && Math.abs(v.startedAt.getTime() + v.durationSeconds * 1000 - v.finishedAt.getTime()) > 1000) {
      ctx.addIssue({ code: "custom", path: ["durationSeconds"], message: "The start, the end and the duration disagree: give two of them." });
    }
    if (v.kind === "drill" && v.durationSeconds === undefined && !(v.startedAt && v.finishedAt)) {
      ctx.addIssue({ code: "custom", path: [v.startedAt ? "finishedAt" : "startedAt"], message: "A drill needs its duration, or its start and its end, to compare with the RTO." });
    }
    if (v.startedAt && v.finishedAt && v.finishedAt < v.startedAt) {
      ctx.addIssue({ code: "custom", path: ["finishedAt"], message: "The end is before the start." });
    }
    if (v.restoredToAt && v.kind === "backup") {
      ctx.addIssue({ code: "custom", path: ["restoredToAt"], message: "Only restore tests and drills restore data." });
    }
    if (v.restoredToAt && v.startedAt && v.restoredToAt > v.startedAt) {
      ctx.addIssue({ code: "custom", path: ["restoredToAt"], message: "The data point restored to cannot be after the start." });
    }
  });
export type RecoveryEventInput = z.input<typeof recoveryEventSchema>;

/**
 * An entry's start and end from what was given: two of start, end and duration fix the third (a drill
 * logged as "ended 14:30, took 12 min" started at 14:18); a duration alone ends now; nothing ends now
 * with no start. Pure, with the clock passed in.
 */
export function eventTimes(v: { startedAt?: Date; finishedAt?: Date; durationSeconds?: number }, now: Date): { startedAt: Date | null; finishedAt: Date } {
  const ms = v.durationSeconds === undefined ? null : v.durationSeconds * 1000;
  const finishedAt = v.finishedAt ?? (v.startedAt && ms !== null ? new Date(v.startedAt.getTime() + ms) : now);
  const startedAt = v.startedAt ?? (ms !== null ? new Date(finishedAt.getTime() - ms) : null);
  return { startedAt, finishedAt };
}

export const backupMonitorSchema = z
  .object({
    component,
    intervalSeconds: z.number({ error: "Enter the backup interval as a number." }).int().min(60, "Back up at most once a minute.").max(31 * DAY, "Back up at least once in 31 days.").default(DAY),
    graceSeconds: z.number({ error: "Enter the grace period as a number." }).int().min(0, "A grace period cannot be negative.").max(7 * DAY, "The grace period can be at most 7 days.").default(3600),
  })
  .strict();
export type BackupMonitorInput = z.input<typeof backupMonitorSchema>;

/** The API's filter of the log (`GET …/recovery-events`): a bad value is a 400 (lib/http/api-query.ts). */
export const eventQuerySchema = z.object({
  component: z.string().trim().min(1).max(COMPONENT_MAX).optional(),
  kind: z.enum(EVENT_KINDS).optional(),
  status: z.enum(EVENT_STATUSES).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  perPage: z.coerce.number().int().min(1).max(100).default(25),
});

/** The recovery page's filter: forgiving, a bad value shows the default. */
export const eventFilterSchema = z.object({
  component: z.string().trim().min(1).max(COMPONENT_MAX).optional().catch(undefined),
  kind: z.enum(EVENT_KINDS).optional().catch(undefined),
  status: z.enum(EVENT_STATUSES).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).default(1).catch(1),
  perPage: z.coerce.number().int().min(1).max(100).default(25).catch(25),
});
export type EventFilter = z.infer<typeof eventFilterSchema>;
