import { describe, expect, it } from "vitest";
import { describeFieldChange, describeStatusChange, diffSnapshots, isEmptyDiff, keptSnapshot, snapshotOf, type DecisionSnapshot, type ItemSnapshot } from "@/lib/reviews/snapshot";

const item = (key: string, over: Partial<ItemSnapshot> = {}): ItemSnapshot => ({
  key,
  title: `Item ${key}`,
  state: "done",
  note: null,
  naReason: null,
  evidenceUrl: null,
  required: true,
  autoVerifiedAt: null,
  ...over,
});

const base = (): DecisionSnapshot => ({
  v: 1,
  tier: 3,
  items: [item("a"), item("b", { note: "see wiki" }), item("c", { state: "na", naReason: "no cache", required: false })],
  health: [{ name: "health", status: "up" }],
  thresholds: [{ label: "Error rate", severity: "critical", status: "ok", value: 0.2 }],
  recovery: [{ component: "PostgreSQL", status: "met" }],
  backups: [{ component: "PostgreSQL", status: "ok" }],
});

describe("diffSnapshots", () => {
  it("finds nothing between a snapshot and itself, or when only a value (not a status) moved", () => {
    const now = base();
    now.thresholds[0]!.value = 0.4;
    const d = diffSnapshots(base(), now);
    expect(isEmptyDiff(d)).toBe(true);
    expect(d).toEqual({ tier: null, items: [], statuses: [] });
  });

  it("lists exactly the changed items, each with the fields that changed, then added and removed items", () => {
    const now = base();
    now.items[0] = item("a", { state: "open", evidenceUrl: "https://ci.example/1" });
    now.items[1] = item("b", { note: "see wiki", title: "Item b, reworded" });
    now.items.splice(2, 1);
    now.items.push(item("d", { state: "open" }));
    const d = diffSnapshots(base(), now);
    expect(d.items).toEqual([
      {
        key: "a",
        title: "Item a",
        change: "changed",
        fields: [
          { field: "state", from: "done", to: "open" },
          { field: "evidenceUrl", from: null, to: "https://ci.example/1" },
        ],
      },
      { key: "d", title: "Item d", change: "added", fields: [] },
      { key: "c", title: "Item c", change: "removed", fields: [] },
    ]);
    expect(d.items[0]!.fields.map(describeFieldChange)).toEqual(["done → open", "evidence added"]);
  });

  it("names the tier change and each signal whose status changed, appeared or went", () => {
    const now = base();
    now.tier = 1;
    now.health = [{ name: "health", status: "down" }, { name: "login", status: "up" }];
    now.thresholds[0]!.status = "breached";
    now.backups = [];
    const d = diffSnapshots(base(), now);
    expect(d.tier).toEqual({ from: 3, to: 1 });
    expect(d.statuses.map(describeStatusChange)).toEqual([
      "Health check health: up → down",
      "Health check login: none → up",
      "Threshold Error rate: ok → breached",
      "Backup PostgreSQL: ok → removed",
    ]);
  });
});

describe("snapshotOf and keptSnapshot", () => {
  it("keeps whether each item is required at the tier, and reads back what it wrote", () => {
    const s = snapshotOf({
      tier: 3,
      items: [
        { key: "dr", title: "Multi-region DR", state: "open", note: null, naReason: null, evidenceUrl: null, required: true, requiredUpToTier: 1, autoVerifiedAt: null },
        { key: "tls", title: "TLS", state: "done", note: null, naReason: null, evidenceUrl: null, required: true, requiredUpToTier: null, autoVerifiedAt: new Date("2026-12-01T00:00:00Z") },
      ],
      health: [{ checkName: "health", status: "up" }],
      thresholds: [],
      recovery: [],
      backups: [],
    });
    expect(s.items.map((i) => [i.key, i.required, i.autoVerifiedAt])).toEqual([
      ["dr", false, null],
      ["tls", true, "2026-12-01T00:00:00.000Z"],
    ]);
    expect(keptSnapshot(JSON.parse(JSON.stringify(s)))).toEqual(s);
    expect(keptSnapshot(null)).toBeNull();
    expect(keptSnapshot({ v: 2 })).toBeNull();
  });
});
