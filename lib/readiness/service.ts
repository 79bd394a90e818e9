import { z } from "zod";
import { db } from "@/lib/db";
import { refreshThresholds } from "@/lib/thresholds/store";
import { ApiError } from "@/lib/http/errors";
import { BLOCKER_KINDS, computeReadiness, describeLevel, type Readiness } from "./compute";
import { timedFactsOf } from "./item-status";
import { readinessSignals } from "./signals";

/**
 * Full readiness (with every blocker) of one service. Its thresholds are evaluated first, so the
 * deploy gate never answers from a state older than this request; `now` is the clock of time-based
 * signals (overdue drills and backups).
 */
export async function serviceReadiness(serviceId: string, now: Date = new Date()): Promise<Readiness> {
  const [items] = await Promise.all([
    db.serviceChecklistItem.findMany({
      where: { serviceId, archivedAt: null },
      orderBy: { position: "asc" },
      select: {
        key: true, title: true, severity: true, required: true, requiredUpToTier: true, state: true, naReason: true,
        waiverStatus: true, waiverExpiresAt: true, verifiedAt: true, reverifyDays: true, autoCheck: true, effectiveFrom: true,
      },
    }),
    refreshThresholds({ serviceIds: [serviceId] }),
  ]);
  const signals = await readinessSignals([serviceId], now);
  return computeReadiness(items.map((i) => ({ ...i, ...timedFactsOf(i) })), signals.get(serviceId), now);
}

/** The deploy gate's answer (GET …/readiness), built by `publicReadiness`. */
export const readinessOutput = z.strictObject({
  slug: z.string(),
  score: z.number().int().min(0).max(100),
  level: z.enum(["not-ready", "at-risk", "ready"]),
  ready: z.boolean(),
  blockers: z.array(z.strictObject({ kind: z.enum(BLOCKER_KINDS), message: z.string() })),
  counts: z
    .strictObject({
      total: z.number().int().describe("all items: `done + na + open`"),
      done: z.number().int(),
      na: z.number().int().describe("N/A with a reason (excluded from the score)"),
      open: z.number().int().describe("applicable items not done, N/A without a reason included"),
      requiredOpen: z.number().int().describe("required items among `open`"),
    })
    .describe("the checklist's items by state"),
});

/** ?require=ready: the gate answers 412 instead of 200 when the service is not ready, so `curl -f` alone gates. */
export const readinessQuerySchema = z.object({ require: z.enum(["ready"]).optional() });

/**
 * The 412 of `?require=ready`: the one error shape, with the whole readiness answer beside the message
 * (`error.readiness`) so a pipeline can print the blockers without asking again.
 */
export function notReadyError(answer: z.infer<typeof readinessOutput>): ApiError {
  const blockers = answer.blockers.length === 1 ? "1 blocker" : `${answer.blockers.length} blockers`;
  return new ApiError("precondition_failed", `${answer.slug} is not ready for production (${describeLevel(answer.level)}, score ${answer.score}, ${blockers}).`, undefined, undefined, {
    readiness: answer,
  });
}

export function publicReadiness(slug: string, r: Readiness): z.infer<typeof readinessOutput> {
  return {
    slug,
    score: r.score,
    level: r.level,
    ready: r.ready,
    blockers: r.blockers.map(({ kind, message }) => ({ kind, message })),
    counts: { total: r.counts.total, done: r.counts.done, na: r.counts.na, open: r.counts.open, requiredOpen: r.counts.requiredOpen },
  };
}
