import { describe, expect, it } from "vitest";
import { correctionChoices } from "@/lib/recovery/entry-name";

describe("correctionChoices", () => {
  it("groups the entries by component and kind, in the order of their newest entry, each option its time and outcome", () => {
    const at = (iso: string) => new Date(iso);
    expect(
      correctionChoices([
        { id: "a", component: "Redis", kind: "backup", finishedAt: at("2026-11-12T14:02:00Z"), outcome: "failed" },
        { id: "b", component: "Database", kind: "restore_test", finishedAt: null, outcome: "succeeded" },
        { id: "c", component: "Redis", kind: "backup", finishedAt: at("2026-11-11T14:02:00Z"), outcome: "succeeded" },
      ]),
    ).toEqual([
      { group: "Redis backup", choices: [{ id: "a", label: "12 Nov 2026, 14:02 UTC (failed)" }, { id: "c", label: "11 Nov 2026, 14:02 UTC (succeeded)" }] },
      { group: "Database restore test", choices: [{ id: "b", label: "no end (succeeded)" }] },
    ]);
  });
});
