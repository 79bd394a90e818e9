import { describe, expect, it } from "vitest";
import { tierChange, tierChangeText } from "@/lib/services/tier-change";

const items = [
  { title: "Multi-region disaster recovery", required: true, requiredUpToTier: 1 },
  { title: "Staging smoke test", required: true, requiredUpToTier: 2 },
];

describe("tierChange", () => {
  it("says what a more critical tier adds, that it needs an approval and makes the current one stale", () => {
    const c = tierChange(items, 3, 1, 1);
    expect(c).toEqual({ adds: ["Multi-region disaster recovery", "Staging smoke test"], removes: [], approvalNeeded: { before: false, after: true }, staleApproval: true });
    expect(tierChangeText(c, 1)).toEqual([
      "Tier 1 also requires: Multi-region disaster recovery; Staging smoke test.",
      "Tier 1 also needs an approved, current review (the team's setting).",
      "A more critical tier makes the current approval stale: ask for a new review after saving.",
    ]);
  });

  it("says what a less critical tier drops, and nothing for a tier that changes nothing", () => {
    expect(tierChangeText(tierChange(items, 1, 2, 1), 2)).toEqual(["Tier 2 no longer requires: Multi-region disaster recovery.", "Tier 2 no longer needs an approved review."]);
    expect(tierChangeText(tierChange(items, 3, 4, 1), 4)).toEqual([]);
  });
});
