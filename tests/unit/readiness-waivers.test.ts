import { describe, expect, it } from "vitest";
import { computeReadiness, type ReadinessItem } from "@/lib/readiness/compute";

const now = new Date("2026-06-01T12:00:00.000Z");
const days = (n: number) => new Date(now.getTime() + n * 86_400_000);

const backups: ReadinessItem = { key: "backups", title: "Test backup restoration", severity: "critical", required: true, state: "done" };
const other: ReadinessItem = { key: "docs", title: "Runbook", severity: "low", required: true, state: "done" };
const waived = (status: "pending" | "approved" | "rejected", expiresAt: Date): ReadinessItem => ({
  ...backups,
  state: "na",
  naReason: "No data kept",
  waiver: { status, expiresAt },
});

describe("waivers on required items", () => {
  it("pending: the item counts as open and blocks (awaiting approval)", () => {
    const r = computeReadiness([waived("pending", days(90)), other], {}, now);
    expect(r.blockers).toEqual([{ kind: "waiver-pending", message: "Waiver awaiting approval: Test backup restoration", itemKey: "backups" }]);
    expect(r.level).toBe("not-ready");
    expect(r.counts).toMatchObject({ total: 2, done: 1, na: 0, open: 1, requiredOpen: 1, waived: 0 });
  });

  it("approved and current: waived, out of the score, no blocker", () => {
    const r = computeReadiness([waived("approved", days(90)), other], {}, now);
    expect(r.blockers).toEqual([]);
    expect(r).toMatchObject({ score: 100, level: "ready" });
    expect(r.counts).toMatchObject({ na: 1, waived: 1, open: 0 });
  });

  it("rejected: open again, with a blocker that says so", () => {
    const r = computeReadiness([waived("rejected", days(90)), other], {}, now);
    expect(r.blockers.map((b) => [b.kind, b.message])).toEqual([["waiver-rejected", "Waiver rejected: Test backup restoration"]]);
    expect(r.level).toBe("not-ready");
  });

  it("expired: an approval past its date counts as open, and the blocker names the date", () => {
    const r = computeReadiness([waived("approved", days(-1)), other], {}, now);
    expect(r.blockers.map((b) => [b.kind, b.message])).toEqual([["waiver-expired", "Waiver expired on 2026-05-31: Test backup restoration"]]);
    expect(r.counts).toMatchObject({ open: 1, waived: 0 });
    // the same waiver a day earlier is still current
    expect(computeReadiness([waived("approved", days(-1)), other], {}, days(-2)).ready).toBe(true);
  });

  it("optional items keep N/A with a reason, no waiver needed", () => {
    const r = computeReadiness([{ ...other, required: false, state: "na", naReason: "no users" }, backups], {}, now);
    expect(r).toMatchObject({ ready: true, blockers: [] });
    expect(r.counts).toMatchObject({ na: 1, waived: 0 });
  });
});

describe("evidence that expires (reverifyDays)", () => {
  const ticked = (verifiedDaysAgo: number, extra: Partial<ReadinessItem> = {}): ReadinessItem => ({ ...backups, reverifyDays: 90, verifiedAt: days(-verifiedDaysAgo), ...extra });

  it("a tick younger than reverifyDays counts as done", () => {
    expect(computeReadiness([ticked(89), other], {}, now)).toMatchObject({ ready: true, score: 100 });
  });

  it("an older tick needs re-verification: open, and the blocker names the date", () => {
    const r = computeReadiness([ticked(100), other], {}, now);
    expect(r.blockers).toEqual([{ kind: "evidence-stale", message: "Needs re-verification since 2026-05-22: Test backup restoration", itemKey: "backups" }]);
    expect(r.counts).toMatchObject({ done: 1, open: 1 });
    expect(r.level).toBe("not-ready");
  });

  it("re-verifying (a new verifiedAt) starts the clock again", () => {
    expect(computeReadiness([ticked(0), other], {}, now).ready).toBe(true);
  });

  it("auto-checked items are exempt: their evidence is live", () => {
    expect(computeReadiness([ticked(400, { autoCheck: "tls_valid" }), other], {}, now).ready).toBe(true);
  });

  it("an optional stale item counts as open without blocking", () => {
    const r = computeReadiness([ticked(100, { required: false, severity: "low" }), { ...other, severity: "critical" }], {}, now);
    expect(r.blockers).toEqual([]);
    expect(r.counts.open).toBe(1);
  });
});

describe("rules that start later (effectiveFrom)", () => {
  const upcoming: ReadinessItem = { key: "sbom", title: "Publish an SBOM", severity: "critical", required: true, state: "open", effectiveFrom: days(30) };

  it("before the date the item is upcoming: not counted, no blocker", () => {
    const r = computeReadiness([upcoming, other], {}, now);
    expect(r).toMatchObject({ ready: true, score: 100, blockers: [] });
    expect(r.counts).toMatchObject({ total: 1, upcoming: 1 });
  });

  it("from the date it counts like any item", () => {
    const r = computeReadiness([upcoming, other], {}, days(30));
    expect(r.level).toBe("not-ready");
    expect(r.blockers.map((b) => b.kind)).toEqual(["required-item-open"]);
    expect(r.counts).toMatchObject({ total: 2, upcoming: 0 });
  });
});
