import { describe, expect, it } from "vitest";
import { planNextRun } from "@/lib/probes/schedule";

const at = (iso: string) => new Date(iso);

describe("planNextRun", () => {
  const planned = at("2028-02-28T23:59:30.000Z");

  it("keeps the rhythm when the run started on time or within the scheduler's usual lag", () => {
    expect(planNextRun(planned, planned, 60)).toEqual(at("2028-02-29T00:00:30.000Z"));
    expect(planNextRun(planned, at("2028-02-28T23:59:30.400Z"), 60)).toEqual(at("2028-02-29T00:00:30.000Z"));
    // 10-second interval: up to a tenth of it (1 s) late still counts as on time.
    expect(planNextRun(planned, at("2028-02-28T23:59:31.000Z"), 10)).toEqual(at("2028-02-28T23:59:40.000Z"));
  });

  it("plans a late run from when it actually ran, not from the missed plan", () => {
    // 50 s late on a 60 s interval: planned + interval would probe again 10 s later.
    expect(planNextRun(planned, at("2028-02-29T00:00:20.000Z"), 60)).toEqual(at("2028-02-29T00:01:20.000Z"));
    // Just past the tolerance: a tenth of a 10 s interval.
    expect(planNextRun(planned, at("2028-02-28T23:59:31.001Z"), 10)).toEqual(at("2028-02-28T23:59:41.001Z"));
    // Long intervals: late after 5 s at most.
    expect(planNextRun(planned, at("2028-02-28T23:59:35.001Z"), 3600)).toEqual(at("2028-02-29T00:59:35.001Z"));
    expect(planNextRun(planned, at("2028-02-28T23:59:35.000Z"), 3600)).toEqual(at("2028-02-29T00:59:30.000Z"));
  });

  it("after a restart hours late, the next run is one interval after the run, whatever was missed", () => {
    const ranAt = at("2028-03-01T06:00:00.250Z");
    expect(planNextRun(planned, ranAt, 60)).toEqual(at("2028-03-01T06:01:00.250Z"));
  });

  it("never puts two runs of a check closer than 90 % of its interval", () => {
    for (const interval of [10, 30, 60, 300, 86_400]) {
      for (let lateMs = 0; lateMs <= 2 * interval * 1000; lateMs += interval * 7) {
        const ranAt = new Date(planned.getTime() + lateMs);
        const gap = planNextRun(planned, ranAt, interval).getTime() - ranAt.getTime();
        expect(gap).toBeGreaterThanOrEqual(Math.max(0.9 * interval * 1000, interval * 1000 - 5000));
      }
    }
  });
});
