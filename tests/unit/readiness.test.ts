import { describe, expect, it } from "vitest";
import {
  BLOCKER_KINDS,
  SEVERITY_WEIGHTS,
  computeReadiness,
  describeLevel,
  readinessFromAggregate,
  requiredAtTier,
  type BlockerKind,
  type ReadinessItem,
  type ReadinessSignals,
  type Severity,
} from "@/lib/readiness/compute";

let seq = 0;
function item(overrides: Partial<ReadinessItem> & { severity: Severity }): ReadinessItem {
  seq += 1;
  return { key: `item-${seq}`, title: `Item ${seq}`, required: true, state: "done", ...overrides };
}

/** A small all-done checklist: ready on its own, so a signal's effect can be seen alone. */
function doneChecklist(): ReadinessItem[] {
  return [item({ severity: "critical" }), item({ severity: "high" }), item({ severity: "low", required: false })];
}

function kinds(signals: ReadinessSignals, items: ReadinessItem[] = doneChecklist()): BlockerKind[] {
  return computeReadiness(items, signals).blockers.map((b) => b.kind);
}

describe("SEVERITY_WEIGHTS and BLOCKER_KINDS", () => {
  it("weights severities 8/4/2/1", () => {
    expect(SEVERITY_WEIGHTS).toEqual({ critical: 8, high: 4, medium: 2, low: 1 });
  });

  it("lists the fourteen blocker kinds once each", () => {
    expect(new Set(BLOCKER_KINDS).size).toBe(14);
    expect([...BLOCKER_KINDS].sort()).toEqual(
      [
        "backup-overdue",
        "drill-missed",
        "drill-overdue",
        "health-down",
        "na-without-reason",
        "required-item-open",
        "review-changes-requested",
        "review-approval-missing",
        "review-approval-stale",
        "threshold-breached",
        "waiver-pending",
        "waiver-rejected",
        "waiver-expired",
        "evidence-stale",
      ].sort(),
    );
  });
});

describe("computeReadiness: score and counts", () => {
  it("scores 0 and is not ready with no items (nothing assessed)", () => {
    const r = computeReadiness([]);
    expect(r).toEqual({
      score: 0,
      level: "not-ready",
      ready: false,
      blockers: [],
      counts: { total: 0, done: 0, na: 0, open: 0, requiredOpen: 0, waived: 0, upcoming: 0 },
    });
  });

  it("scores 100 and is ready when every item is N/A with a reason", () => {
    const r = computeReadiness([
      item({ severity: "critical", state: "na", naReason: "No database" }),
      item({ severity: "low", state: "na", naReason: "Internal tool" }),
    ]);
    expect(r.score).toBe(100);
    expect(r.level).toBe("ready");
    expect(r.ready).toBe(true);
    expect(r.blockers).toEqual([]);
    expect(r.counts).toEqual({ total: 2, done: 0, na: 2, open: 0, requiredOpen: 0, waived: 0, upcoming: 0 });
  });

  it("counts an all-N/A checklist with one missing reason as that one item open", () => {
    // Applicable: the high item only (weight 4), not done → 0 / 4 = 0.
    const r = computeReadiness([
      item({ severity: "critical", state: "na", naReason: "No database" }),
      item({ key: "tls", title: "TLS", severity: "high", state: "na", naReason: null }),
    ]);
    expect(r.score).toBe(0);
    expect(r.level).toBe("not-ready"); // score < 50
    expect(r.blockers).toEqual([
      { kind: "na-without-reason", message: "Marked N/A without a reason: TLS", itemKey: "tls" },
    ]);
    expect(r.counts).toEqual({ total: 2, done: 0, na: 1, open: 1, requiredOpen: 1, waived: 0, upcoming: 0 });
  });

  it("is ready with only optional items open, below 100", () => {
    // done: critical 8 + high 4 = 12; open optional: medium 2 + low 1; 100 × 12 / 15 = 80.
    const r = computeReadiness([
      item({ severity: "critical" }),
      item({ severity: "high" }),
      item({ severity: "medium", required: false, state: "open" }),
      item({ severity: "low", required: false, state: "open" }),
    ]);
    expect(r.score).toBe(80);
    expect(r.level).toBe("ready");
    expect(r.ready).toBe(true);
    expect(r.blockers).toEqual([]);
    expect(r.counts).toEqual({ total: 4, done: 2, na: 0, open: 2, requiredOpen: 0, waived: 0, upcoming: 0 });
  });

  it("computes the weighted worked example from docs/readiness.md", () => {
    // critical done           8  applicable, done
    // critical required open  8  applicable
    // high done               4  applicable, done
    // high N/A "reason"       –  excluded from both sums
    // medium done             2  applicable, done
    // medium optional open    2  applicable
    // low done                1  applicable, done
    // low N/A, no reason      1  applicable (counts as open)
    // done = 8 + 4 + 2 + 1 = 15; applicable = 8 + 8 + 4 + 2 + 2 + 1 + 1 = 26
    // score = round(100 × 15 / 26) = round(57.69…) = 58
    const r = computeReadiness([
      item({ severity: "critical" }),
      item({ key: "backups", title: "Automated backups", severity: "critical", state: "open" }),
      item({ severity: "high" }),
      item({ severity: "high", state: "na", naReason: "Single region by design" }),
      item({ severity: "medium" }),
      item({ severity: "medium", required: false, state: "open" }),
      item({ severity: "low" }),
      item({ key: "cdn", title: "CDN", severity: "low", required: false, state: "na" }),
    ]);
    expect(r.score).toBe(58);
    expect(r.counts).toEqual({ total: 8, done: 4, na: 1, open: 3, requiredOpen: 1, waived: 0, upcoming: 0 });
    expect(r.level).toBe("not-ready"); // open critical required item
    expect(r.blockers).toEqual([
      { kind: "required-item-open", message: "Required item open: Automated backups", itemKey: "backups" },
      { kind: "na-without-reason", message: "Marked N/A without a reason: CDN", itemKey: "cdn" },
    ]);
  });

  it("never shows 100 while an applicable item is open, nor 0 once one is done", () => {
    const criticals = (state: ReadinessItem["state"]) =>
      Array.from({ length: 30 }, () => item({ severity: "critical", required: false, state }));
    // 240 / 241 = 99.59 → would round to 100; held at 99.
    expect(computeReadiness([...criticals("done"), item({ severity: "low", required: false, state: "open" })]).score).toBe(99);
    // 1 / 241 = 0.41 → would round to 0; raised to 1.
    expect(computeReadiness([...criticals("open"), item({ severity: "low", required: false })]).score).toBe(1);
  });

  it("does not modify its inputs", () => {
    const items = Object.freeze([Object.freeze(item({ severity: "high", state: "open" }))]);
    const signals = Object.freeze({ health: Object.freeze([Object.freeze({ checkName: "api", status: "down" as const })]) });
    expect(() => computeReadiness(items, signals)).not.toThrow();
  });
});

describe("computeReadiness: N/A reasons", () => {
  it.each([
    ["blank", "  "],
    ["empty", ""],
    ["null", null],
    ["missing", undefined],
  ])("treats a %s reason as missing", (_label, naReason) => {
    const r = computeReadiness([
      item({ severity: "high" }),
      item({ key: "waf", title: "WAF", severity: "high", required: false, state: "na", naReason }),
    ]);
    // applicable = 4 + 4, done = 4 → 50
    expect(r.score).toBe(50);
    expect(r.counts).toMatchObject({ na: 0, open: 1 });
    expect(r.blockers).toEqual([
      { kind: "na-without-reason", message: "Marked N/A without a reason: WAF", itemKey: "waf" },
    ]);
    expect(r.level).toBe("at-risk");
  });

  it("gives a required N/A without a reason one blocker, not two", () => {
    const r = computeReadiness([item({ severity: "high" }), item({ severity: "medium", state: "na", naReason: " " })]);
    expect(r.blockers.map((b) => b.kind)).toEqual(["na-without-reason"]);
    expect(r.counts.requiredOpen).toBe(1);
  });

  it("treats a critical required N/A without a reason like an open critical required item", () => {
    // done 8 + 8 of 24 → 67, above 50: not-ready only because of the critical item.
    const r = computeReadiness([
      item({ severity: "critical" }),
      item({ severity: "critical" }),
      item({ severity: "critical", state: "na", naReason: "" }),
    ]);
    expect(r.score).toBe(67);
    expect(r.level).toBe("not-ready");
  });

  it("ignores the reason on items that are not N/A", () => {
    const r = computeReadiness([item({ severity: "high", state: "open", required: false, naReason: "stale" })]);
    expect(r.counts).toMatchObject({ na: 0, open: 1 });
    expect(r.blockers).toEqual([]);
  });
});

describe("computeReadiness: signals", () => {
  it("is ready with an all-done checklist and no signals", () => {
    const r = computeReadiness(doneChecklist());
    expect(r).toMatchObject({ score: 100, level: "ready", ready: true, blockers: [] });
  });

  it("blocks on a health check that is down, and is not ready", () => {
    const r = computeReadiness(doneChecklist(), {
      health: [
        { checkName: "api", status: "down" },
        { checkName: "web", status: "up" },
      ],
    });
    expect(r.blockers).toEqual([{ kind: "health-down", message: "Health check api is down" }]);
    expect(r.level).toBe("not-ready");
    expect(r.ready).toBe(false);
  });

  it("does not block on degraded or unknown health", () => {
    const signals: ReadinessSignals = {
      health: [
        { checkName: "api", status: "degraded" },
        { checkName: "web", status: "unknown" },
      ],
    };
    expect(kinds(signals)).toEqual([]);
    expect(computeReadiness(doneChecklist(), signals).level).toBe("ready");
  });

  it("blocks on a breached critical threshold with value, unit and limit, and is not ready", () => {
    const r = computeReadiness(doneChecklist(), {
      thresholds: [
        { label: "API response time (p95)", severity: "critical", status: "breached", value: 2500, unit: "ms", limit: 2000 },
      ],
    });
    expect(r.blockers).toEqual([
      {
        kind: "threshold-breached",
        message: "Critical threshold breached: API response time (p95) (at 2,500 ms, limit 2,000 ms)",
      },
    ]);
    expect(r.level).toBe("not-ready");
  });

  it("words a breached threshold without a value or unit", () => {
    const r = computeReadiness(doneChecklist(), {
      thresholds: [{ label: "Queue depth", severity: "critical", status: "breached", value: null, limit: 100 }],
    });
    expect(r.blockers[0]?.message).toBe("Critical threshold breached: Queue depth (limit 100)");
  });

  it("does not block on non-critical breaches, no-data or ok thresholds", () => {
    const signals: ReadinessSignals = {
      thresholds: [
        { label: "CPU", severity: "high", status: "breached", value: 95, unit: "%", limit: 80 },
        { label: "Disk", severity: "medium", status: "breached" },
        { label: "Errors", severity: "critical", status: "no-data" },
        { label: "Latency", severity: "critical", status: "ok", value: 100, unit: "ms", limit: 2000 },
      ],
    };
    expect(kinds(signals)).toEqual([]);
    expect(computeReadiness(doneChecklist(), signals).level).toBe("ready");
  });

  it.each([
    ["missed", "drill-missed", "Recovery drill for Database missed its recovery time objective"],
    ["overdue", "drill-overdue", "Recovery drill overdue for Database: last drill older than interval"],
    ["never", "drill-overdue", "Recovery drill overdue for Database: never drilled"],
  ] as const)("blocks on a recovery drill that is %s (at risk)", (status, kind, message) => {
    const r = computeReadiness(doneChecklist(), { recovery: [{ component: "Database", status }] });
    expect(r.blockers).toEqual([{ kind, message }]);
    expect(r.level).toBe("at-risk");
    expect(r.ready).toBe(false);
  });

  it("does not block on a met recovery drill", () => {
    expect(kinds({ recovery: [{ component: "API", status: "met" }] })).toEqual([]);
  });

  it.each([
    ["overdue", "Backup overdue for Postgres: last backup older than interval"],
    ["never", "Backup overdue for Postgres: never backed up"],
    ["failing", "Backup overdue for Postgres: last backup failed"],
  ] as const)("blocks on a backup that is %s (at risk)", (status, message) => {
    const r = computeReadiness(doneChecklist(), { backups: [{ component: "Postgres", status }] });
    expect(r.blockers).toEqual([{ kind: "backup-overdue", message }]);
    expect(r.level).toBe("at-risk");
  });

  it("does not block on an ok backup", () => {
    expect(kinds({ backups: [{ component: "Postgres", status: "ok" }] })).toEqual([]);
  });

  it("blocks when the review requested changes (at risk)", () => {
    const r = computeReadiness(doneChecklist(), { review: { status: "changes_requested" } });
    expect(r.blockers).toEqual([{ kind: "review-changes-requested", message: "Reviewer requested changes" }]);
    expect(r.level).toBe("at-risk");
  });

  it.each(["requested", "approved", "none"] as const)("does not block on review status %s", (status) => {
    expect(kinds({ review: { status } })).toEqual([]);
  });

  it("blocks on a required open item of any severity", () => {
    const r = computeReadiness([
      item({ severity: "critical" }),
      item({ key: "runbook", title: "Runbook", severity: "low", state: "open" }),
    ]);
    // 8 / 9 → 89
    expect(r.score).toBe(89);
    expect(r.blockers).toEqual([{ kind: "required-item-open", message: "Required item open: Runbook", itemKey: "runbook" }]);
    expect(r.level).toBe("at-risk");
  });

  it("stays not ready with no items, whatever the signals", () => {
    const r = computeReadiness([], { health: [{ checkName: "api", status: "up" }], review: { status: "approved" } });
    expect(r.level).toBe("not-ready");
    expect(r.blockers).toEqual([]);
  });
});

describe("computeReadiness: level boundaries", () => {
  // Optional items only, so there are no blockers and the score alone decides.
  // 49: done critical 8 + critical 8 + low 1 = 17; open critical 8 + critical 8 + low 1 + low 1 = 18;
  //     100 × 17 / 35 = 48.57… → 49.
  // 50: the same plus one more low item done: 18 / 36 = 50.
  function checklist(score: 49 | 50): ReadinessItem[] {
    const opt = { required: false };
    return [
      item({ severity: "critical", ...opt }),
      item({ severity: "critical", ...opt }),
      item({ severity: "low", ...opt }),
      item({ severity: "critical", ...opt, state: "open" }),
      item({ severity: "critical", ...opt, state: "open" }),
      item({ severity: "low", ...opt, state: "open" }),
      item({ severity: "low", ...opt, state: "open" }),
      ...(score === 50 ? [item({ severity: "low", ...opt })] : []),
    ];
  }

  it("is not ready at 49 and ready at 50 without blockers", () => {
    const at49 = computeReadiness(checklist(49));
    const at50 = computeReadiness(checklist(50));
    expect([at49.score, at49.level, at49.blockers.length]).toEqual([49, "not-ready", 0]);
    expect([at50.score, at50.level, at50.ready]).toEqual([50, "ready", true]);
  });

  it("is not ready at 49 and at risk at 50 with a non-critical blocker", () => {
    const at49 = computeReadiness(checklist(49), { backups: [{ component: "db", status: "never" }] });
    const at50 = computeReadiness(checklist(50), { backups: [{ component: "db", status: "never" }] });
    expect([at49.score, at49.level]).toEqual([49, "not-ready"]);
    expect([at50.score, at50.level]).toEqual([50, "at-risk"]);
  });

  it("is not ready at a high score with an open critical required item", () => {
    const items = [...Array.from({ length: 20 }, () => item({ severity: "critical" })), item({ severity: "critical", state: "open" })];
    const r = computeReadiness(items); // 160 / 168 → 95
    expect(r.score).toBe(95);
    expect(r.level).toBe("not-ready");
  });

  it("is at risk, not 'not ready', with an open high required item at a good score", () => {
    const r = computeReadiness([item({ severity: "critical" }), item({ severity: "high", state: "open" })]); // 8 / 12 → 67
    expect(r.score).toBe(67);
    expect(r.level).toBe("at-risk");
  });
});

describe("computeReadiness: blocker ordering", () => {
  it("puts health, threshold, backup, drill and review first, then items by severity and title", () => {
    const items: ReadinessItem[] = [
      item({ key: "l", title: "Log rotation", severity: "low", state: "open" }),
      item({ key: "z", title: "Zero-downtime deploys", severity: "critical", state: "open" }),
      item({ key: "h", title: "Health endpoint", severity: "high", state: "na", naReason: " " }),
      item({ key: "a", title: "Alerting", severity: "critical", state: "open" }),
      item({ key: "m", title: "Metrics", severity: "medium", state: "open" }),
      item({ key: "c", title: "CDN", severity: "critical", state: "na" }),
      item({ key: "o", title: "Optional thing", severity: "critical", required: false, state: "open" }),
    ];
    const signals: ReadinessSignals = {
      review: { status: "changes_requested" },
      recovery: [
        { component: "Redis", status: "never" },
        { component: "API", status: "missed" },
      ],
      backups: [
        { component: "Redis", status: "failing" },
        { component: "Postgres", status: "overdue" },
      ],
      thresholds: [{ label: "Error rate", severity: "critical", status: "breached", value: 3, unit: "%", limit: 1 }],
      health: [
        { checkName: "web", status: "down" },
        { checkName: "api", status: "down" },
      ],
    };
    const r = computeReadiness(items, signals);
    expect(r.blockers.map((b) => [b.kind, b.itemKey ?? b.message])).toEqual([
      ["health-down", "Health check api is down"],
      ["health-down", "Health check web is down"],
      ["threshold-breached", "Critical threshold breached: Error rate (at 3 %, limit 1 %)"],
      ["backup-overdue", "Backup overdue for Postgres: last backup older than interval"],
      ["backup-overdue", "Backup overdue for Redis: last backup failed"],
      ["drill-missed", "Recovery drill for API missed its recovery time objective"],
      ["drill-overdue", "Recovery drill overdue for Redis: never drilled"],
      ["review-changes-requested", "Reviewer requested changes"],
      ["required-item-open", "a"], // critical, "Alerting"
      ["na-without-reason", "c"], // critical, "CDN"
      ["required-item-open", "z"], // critical, "Zero-downtime deploys"
      ["na-without-reason", "h"], // high
      ["required-item-open", "m"], // medium
      ["required-item-open", "l"], // low
    ]);
    expect(r.level).toBe("not-ready");
  });
});

describe("describeLevel", () => {
  it("labels each level", () => {
    expect(describeLevel("not-ready")).toBe("Not ready");
    expect(describeLevel("at-risk")).toBe("At risk");
    expect(describeLevel("ready")).toBe("Ready");
  });
});

describe("computeReadiness: requiredUpToTier", () => {
  // Multi-region DR is required of tier 1 only; everything else of every tier.
  const checklist = (): ReadinessItem[] => [
    item({ key: "backups", title: "Automated backups", severity: "critical" }),
    item({ key: "multi-region", title: "Multi-region disaster recovery", severity: "critical", state: "open", requiredUpToTier: 1 }),
    item({ key: "staging", title: "Staging smoke test", severity: "high", state: "open", requiredUpToTier: 2 }),
    item({ key: "runbook", title: "Runbook", severity: "high" }),
  ];

  it("the same checklist is ready at tier 3 and not ready at tier 1", () => {
    const tier3 = computeReadiness(checklist(), { tier: 3 });
    expect(tier3.blockers).toEqual([]);
    expect(tier3.counts.requiredOpen).toBe(0);
    // still scored: the open items keep the score below 100 at every tier
    expect(tier3.score).toBeLessThan(100);
    expect(tier3.score).toBeGreaterThanOrEqual(50);
    expect(tier3.level).toBe("ready");

    const tier1 = computeReadiness(checklist(), { tier: 1 });
    expect(tier1.level).toBe("not-ready");
    expect(tier1.blockers.map((b) => b.itemKey)).toEqual(["multi-region", "staging"]);
    expect(tier1.counts.requiredOpen).toBe(2);
    expect(tier1.score).toBe(tier3.score);

    const tier2 = computeReadiness(checklist(), { tier: 2 });
    expect(tier2.blockers.map((b) => b.itemKey)).toEqual(["staging"]);
    expect(tier2.level).toBe("at-risk");
  });

  it("without a tier, an item with requiredUpToTier counts as required (the strictest reading)", () => {
    expect(requiredAtTier({ required: true, requiredUpToTier: 1 }, undefined)).toBe(true);
    expect(requiredAtTier({ required: true, requiredUpToTier: 2 }, 3)).toBe(false);
    expect(requiredAtTier({ required: true, requiredUpToTier: 2 }, 2)).toBe(true);
    expect(requiredAtTier({ required: true, requiredUpToTier: null }, 4)).toBe(true);
    expect(requiredAtTier({ required: false, requiredUpToTier: null }, 1)).toBe(false);
  });
});

describe("computeReadiness: approval required by the team's tier setting", () => {
  it("a missing or stale approval is a blocker where the tier needs one, and nothing where it does not", () => {
    expect(kinds({ tier: 1, review: { status: "none", approvalRequired: true } })).toEqual(["review-approval-missing"]);
    expect(kinds({ tier: 1, review: { status: "requested", approvalRequired: true } })).toEqual(["review-approval-missing"]);
    expect(kinds({ tier: 1, review: { status: "approved", approvalRequired: true, stale: null } })).toEqual([]);
    const stale = computeReadiness(doneChecklist(), { tier: 1, review: { status: "approved", approvalRequired: true, stale: "“Backups” is no longer done" } });
    expect(stale.blockers).toEqual([{ kind: "review-approval-stale", message: "Approval is stale: “Backups” is no longer done" }]);
    expect(stale.level).toBe("at-risk");
    expect(kinds({ tier: 3, review: { status: "none", approvalRequired: false } })).toEqual([]);
    expect(kinds({ tier: 3, review: { status: "approved", approvalRequired: false, stale: "tier" } })).toEqual([]);
  });

  it("the aggregate path counts the same review blockers", () => {
    const agg = { total: 1, done: 1, na: 0, doneWeight: 8, applicableWeight: 8, itemBlockers: 0, criticalRequiredOpen: 0, requiredOpen: 0, waived: 0, upcoming: 0, waivers: 0, nextEffectiveFrom: null };
    const summary = readinessFromAggregate(agg, { tier: 1, review: { status: "approved", approvalRequired: true, stale: "x" } });
    expect(summary).toMatchObject({ level: "at-risk", blockerCount: 1 });
  });
});
