/**
 * The readiness a review decision was made against (decision 0031): the level and the open blockers
 * are kept with the decision, so "approved" never hides that the service was not ready then. Approving a
 * service that is not ready needs an explicit acknowledgement and a comment. Pure (no database, nothing
 * server-only): the decision form and the board's words use it too.
 */
import { z } from "zod";
import type { Readiness, ReadinessLevel, ReadinessSignals } from "@/lib/readiness/compute";

/**
 * The signals a reviewer judges: everything but the approval itself. A missing or stale approval is what the
 * decision is about, never a blocker to acknowledge while deciding it (the form and the server agree on this).
 */
export function signalsForDecision<S extends ReadinessSignals>(signals: S): S {
  return { ...signals, review: signals.review && { ...signals.review, approvalRequired: false } };
}

/** "1 open blocker", "14 open blockers" */
export const openBlockersText = (n: number) => `${n} open ${n === 1 ? "blocker" : "blockers"}`;

/** One blocker as kept with a decision. `kind` is a readiness blocker kind of the day it was kept. */
export const blockerAtDecisionOutput = z.strictObject({
  kind: z.string().describe("the blocker kind at the time (see GET …/readiness)"),
  message: z.string(),
  itemKey: z.string().nullable().describe("the checklist item, for item blockers"),
});
export type BlockerAtDecision = z.infer<typeof blockerAtDecisionOutput>;

const storedBlockers = z.array(blockerAtDecisionOutput);

export const levelAtDecisionOutput = z.enum(["not-ready", "at-risk", "ready"] satisfies ReadinessLevel[]);

/** The kept level of a decision, or null while it is open and for decisions from before it was kept. */
export function keptLevel(level: string | null): ReadinessLevel | null {
  return levelAtDecisionOutput.safeParse(level).data ?? null;
}

/** The columns a decision keeps of the readiness it was made against. */
export function readinessAtDecision(r: Pick<Readiness, "level" | "blockers">) {
  const blockers: BlockerAtDecision[] = r.blockers.map((b) => ({ kind: b.kind, message: b.message, itemKey: b.itemKey ?? null }));
  return { levelAtDecision: r.level, blockersAtDecision: blockers, openBlockersAtDecision: blockers.length };
}

/** The kept blockers of a decision, or null when none were kept (decisions from before they were). */
export function keptBlockers(json: unknown): BlockerAtDecision[] | null {
  return storedBlockers.safeParse(json).data ?? null;
}

interface DecisionFacts {
  status: string;
  levelAtDecision: string | null;
  openBlockersAtDecision: number | null;
}

/**
 * An approval given while the service was not ready, with the number of blockers open then; null for any
 * other review (and for approvals from before the level was kept: nothing says they were not ready).
 */
export function approvedNotReady(r: DecisionFacts): { openBlockers: number } | null {
  if (r.status !== "approved" || r.levelAtDecision === null || r.levelAtDecision === "ready") return null;
  return { openBlockers: r.openBlockersAtDecision ?? 0 };
}

/** "Approved with 14 open blockers" (or "Approved while not ready" when only the score stood in the way). */
export function approvedNotReadyText(openBlockers: number): string {
  return openBlockers > 0 ? `Approved with ${openBlockersText(openBlockers)}` : "Approved while not ready";
}

/** The confirmation a reviewer gives to approve a service that is not ready. */
export function acknowledgementLabel(r: { blockers: readonly unknown[]; score: number }): string {
  return r.blockers.length > 0 ? `I approve with ${openBlockersText(r.blockers.length)}` : `I approve although it is not ready (score ${r.score})`;
}

/** Why an approval cannot be recorded as it stands: the field to fix, the sentence, and the blocker count. */
export interface ApprovalProblem {
  path: "acknowledgeBlockers" | "comment";
  /** for the field */
  issue: string;
  /** for the whole answer */
  message: string;
  openBlockers: number;
  level: ReadinessLevel;
}

/**
 * What stops an approval of a service that is not ready (no acknowledgement, or no comment), or null
 * when the decision may be recorded (any other decision, or a ready service). reviews.ts answers it 422.
 */
export function notReadyApprovalProblem(
  serviceName: string,
  r: { ready: boolean; level: ReadinessLevel; score: number; blockers: readonly unknown[] },
  input: { decision: string; comment?: string; acknowledgeBlockers?: boolean },
): ApprovalProblem | null {
  if (input.decision !== "approve" || r.ready) return null;
  const n = r.blockers.length;
  const state = n > 0 ? `has ${openBlockersText(n)}` : `is not ready (score ${r.score})`;
  const facts = { openBlockers: n, level: r.level };
  if (!input.acknowledgeBlockers) {
    return {
      path: "acknowledgeBlockers",
      issue: `Confirm that you approve ${serviceName} although it ${state}.`,
      message: `${serviceName} ${state}: to approve it anyway, confirm that you approve it as it is and say why in the comment.`,
      ...facts,
    };
  }
  if (!input.comment) {
    const message = `Say why you approve ${serviceName} although it ${state}.`;
    return { path: "comment", issue: message, message, ...facts };
  }
  return null;
}
