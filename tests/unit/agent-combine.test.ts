import { describe, expect, it } from "vitest";
import { combineLocationStatus, downQuorumOf } from "@/lib/agents/combine";

const at = (s: number) => new Date(Date.UTC(2026, 11, 7, 12, 0, s));
const state = (location: string, status: "up" | "down" | "degraded" | "unknown", since: number | null = null) => ({ location, status, streakStartedAt: since === null ? null : at(since) });

describe("down quorum", () => {
  it("is a majority without one, and a given quorum clamped to the locations", () => {
    expect([1, 2, 3, 4, 5].map((n) => downQuorumOf(n, null))).toEqual([1, 2, 2, 3, 3]);
    expect(downQuorumOf(3, 1)).toBe(1);
    expect(downQuorumOf(2, 5)).toBe(2);
  });
});

describe("combining locations", () => {
  const two = ["a", "b"];
  it("is not down while fewer locations than the quorum are down", () => {
    expect(combineLocationStatus([state("a", "up"), state("b", "down", 1)], two, null)).toEqual({ status: "up", downSince: null });
    expect(combineLocationStatus([state("a", "degraded"), state("b", "down", 1)], two, null).status).toBe("degraded");
    expect(combineLocationStatus([state("a", "unknown")], two, null).status).toBe("unknown");
  });
  it("is down from when the quorum was reached: the N-th location to start failing", () => {
    expect(combineLocationStatus([state("a", "down", 30), state("b", "down", 10)], two, null)).toEqual({ status: "down", downSince: at(30) });
    const three = ["a", "b", "c"];
    expect(combineLocationStatus([state("a", "down", 30), state("b", "down", 10), state("c", "down", 20)], three, null)).toEqual({ status: "down", downSince: at(20) });
    expect(combineLocationStatus([state("a", "down", 30), state("b", "up"), state("c", "up")], three, 1)).toEqual({ status: "down", downSince: at(30) });
  });
  it("ignores the state of a location the check no longer lists", () => {
    expect(combineLocationStatus([state("a", "up"), state("gone", "down", 1), state("b", "down", 2)], two, null).status).toBe("up");
  });
});
