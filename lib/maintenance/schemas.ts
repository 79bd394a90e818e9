/**
 * Maintenance windows: the input of the API and the form, the rules on their times, and the shape the
 * API answers. The time rules that need "now" are a pure function (`windowTimeIssues`) that the schema
 * runs without a clock and lib/maintenance/windows.ts runs again with one.
 */
import { z } from "zod";
import type { ErrorIssue } from "@/lib/http/errors";

export const MAX_WINDOW_DAYS = 7;
export const MAX_WINDOW_MS = MAX_WINDOW_DAYS * 86_400_000;
export const REASON_MAX = 300;
/** A start this close before now is "now" (a client's clock, the time the request took). */
export const START_TOLERANCE_MS = 60_000;

const instant = z.iso.datetime({ offset: true }).transform((s) => new Date(s));
const reason = z
  .string()
  .trim()
  .min(1, "Say why the service is in maintenance.")
  .max(REASON_MAX, `Keep the reason under ${REASON_MAX} characters.`);

/**
 * Problems with a window's times. Without `now` only the rules between start and end are checked; with
 * it also that the window does not end in the past nor start before now. `startsAt` undefined means now.
 */
export function windowTimeIssues(w: { startsAt?: Date; endsAt: Date }, now?: Date): ErrorIssue[] {
  const start = w.startsAt ?? now;
  const issues: ErrorIssue[] = [];
  if (now && w.endsAt.getTime() <= now.getTime()) issues.push({ path: "endsAt", message: "The end is in the past: a window must end later than now." });
  else if (start && w.endsAt.getTime() <= start.getTime()) issues.push({ path: "endsAt", message: "The end must be after the start." });
  else if (start && w.endsAt.getTime() - start.getTime() > MAX_WINDOW_MS) issues.push({ path: "endsAt", message: `A window can last at most ${MAX_WINDOW_DAYS} days.` });
  if (now && w.startsAt && w.startsAt.getTime() < now.getTime() - START_TOLERANCE_MS) {
    issues.push({ path: "startsAt", message: "The start is in the past: leave it out to start now." });
  }
  return issues;
}

const addIssues = (issues: ErrorIssue[], ctx: z.RefinementCtx) => {
  for (const i of issues) ctx.addIssue({ code: "custom", path: [i.path], message: i.message });
};

export const scheduleWindowSchema = z
  .object({
    /** defaults to now */
    startsAt: instant.optional(),
    endsAt: instant,
    reason,
  })
  .strict()
  .superRefine((v, ctx) => addIssues(windowTimeIssues(v), ctx));
export type ScheduleWindowInput = z.output<typeof scheduleWindowSchema>;

/** PATCH: a new end. At or before now ends an open window now; later shortens (or lengthens) it. */
export const updateWindowSchema = z.object({ endsAt: instant }).strict();
export type UpdateWindowInput = z.output<typeof updateWindowSchema>;

export type WindowState = "open" | "upcoming" | "ended";

export function windowState(w: { startsAt: Date; endsAt: Date }, now: Date): WindowState {
  if (w.endsAt.getTime() <= now.getTime()) return "ended";
  return w.startsAt.getTime() <= now.getTime() ? "open" : "upcoming";
}

export interface MaintenanceWindowRow {
  id: string;
  serviceId: string;
  startsAt: Date;
  endsAt: Date;
  reason: string;
  createdAt: Date;
  createdBy: string | null;
}

/** A window as the API answers it (`publicWindow` builds it). */
export const maintenanceWindowOutput = z.strictObject({
  id: z.string(),
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime().describe("an ended window's end is when it ended (early, if it was ended early)"),
  reason: z.string(),
  state: z.enum(["open", "upcoming", "ended"]).describe("as of the answer: open while startsAt ≤ now < endsAt"),
  createdAt: z.iso.datetime(),
  createdBy: z.string().nullable().describe("the email of who scheduled it; null when that account is gone"),
});

export function publicWindow(w: MaintenanceWindowRow, now: Date): z.infer<typeof maintenanceWindowOutput> {
  return {
    id: w.id,
    startsAt: w.startsAt.toISOString(),
    endsAt: w.endsAt.toISOString(),
    reason: w.reason,
    state: windowState(w, now),
    createdAt: w.createdAt.toISOString(),
    createdBy: w.createdBy,
  };
}
