/** The pure rules and words of approving a service that is not ready (lib/reviews/blockers.ts). */
import { describe, expect, it } from "vitest";
import { rolesThatCan } from "@/lib/auth/permissions";
import { acknowledgementLabel, approvedNotReady, keptBlockers, keptLevel, notReadyApprovalProblem, readinessAtDecision } from "@/lib/reviews/blockers";
import { reviewStatusWord } from "@/lib/status/present";

const notReady = { ready: false, level: "not-ready" as const, score: 46, blockers: [{}, {}, {}] };

describe("approving a service that is not ready", () => {
  it("needs the acknowledgement, then a comment; other decisions and ready services need neither", () => {
    expect(notReadyApprovalProblem("Hyperterse", notReady, { decision: "approve", comment: "ok" })).toMatchObject({ path: "acknowledgeBlockers", openBlockers: 3, level: "not-ready" });
    expect(notReadyApprovalProblem("Hyperterse", notReady, { decision: "approve", acknowledgeBlockers: true })).toMatchObject({ path: "comment", message: "Say why you approve Hyperterse although it has 3 open blockers." });
    expect(notReadyApprovalProblem("Hyperterse", notReady, { decision: "approve", acknowledgeBlockers: true, comment: "Pilot only." })).toBeNull();
    expect(notReadyApprovalProblem("Hyperterse", notReady, { decision: "request-changes", comment: "No." })).toBeNull();
    expect(notReadyApprovalProblem("Hyperterse", { ...notReady, ready: true, level: "ready", blockers: [] }, { decision: "approve" })).toBeNull();
    // not ready by its score alone, with no blocker to count
    expect(notReadyApprovalProblem("Hyperterse", { ...notReady, blockers: [] }, { decision: "approve" })?.issue).toBe("Confirm that you approve Hyperterse although it is not ready (score 46).");
  });

  it("words the confirmation and the approval by the number of blockers", () => {
    expect(acknowledgementLabel(notReady)).toBe("I approve with 3 open blockers");
    expect(acknowledgementLabel({ blockers: [{}], score: 60 })).toBe("I approve with 1 open blocker");
    expect(acknowledgementLabel({ blockers: [], score: 30 })).toBe("I approve although it is not ready (score 30)");
    expect(reviewStatusWord("approved", { openBlockers: 14 })).toEqual({ tone: "warning", text: "Approved with 14 open blockers" });
    expect(reviewStatusWord("approved", { openBlockers: 0 })).toEqual({ tone: "warning", text: "Approved while not ready" });
    expect(reviewStatusWord("approved", null)).toEqual({ tone: "good", text: "Approved" });
    expect(reviewStatusWord("changes_requested", { openBlockers: 2 })).toEqual({ tone: "bad", text: "Changes requested" });
  });

  it("keeps the level and the blockers, and reads back only what was kept", () => {
    const kept = readinessAtDecision({ level: "at-risk", blockers: [{ kind: "backup-overdue", message: "Backup overdue for DB: never backed up" }, { kind: "required-item-open", message: "Required item open: TLS", itemKey: "tls" }] });
    expect(kept).toEqual({
      levelAtDecision: "at-risk",
      openBlockersAtDecision: 2,
      blockersAtDecision: [
        { kind: "backup-overdue", message: "Backup overdue for DB: never backed up", itemKey: null },
        { kind: "required-item-open", message: "Required item open: TLS", itemKey: "tls" },
      ],
    });
    expect(keptBlockers(kept.blockersAtDecision)).toEqual(kept.blockersAtDecision);
    expect(keptBlockers(null)).toBeNull();
    expect(keptLevel("sideways")).toBeNull();
    expect(approvedNotReady({ status: "approved", ...kept })).toEqual({ openBlockers: 2 });
    expect(approvedNotReady({ status: "approved", levelAtDecision: "ready", openBlockersAtDecision: 0 })).toBeNull();
    // an approval from before the level was kept says nothing either way
    expect(approvedNotReady({ status: "approved", levelAtDecision: null, openBlockersAtDecision: null })).toBeNull();
    expect(approvedNotReady({ status: "changes_requested", ...kept })).toBeNull();
  });

  it("names the roles a refusal asks for", () => {
    expect(rolesThatCan("service:create")).toBe("owner or editor");
    expect(rolesThatCan("checklist:comment")).toBe("owner, editor or reviewer");
    expect(rolesThatCan("audit:read")).toBe("owner");
  });
});
