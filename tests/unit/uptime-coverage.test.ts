import { describe, expect, it } from "vitest";
import { coverageText, minimumObservedSeconds, NOT_ENOUGH_DATA, uptimeCoverage, uptimeFigure } from "@/lib/uptime/coverage";
import { rangeWindow } from "@/lib/uptime/ranges";

const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
// 7 Dec 2026, 12:00 UTC
const NOW = Date.UTC(2026, 11, 7, 12, 0, 0);
const w30 = rangeWindow("30d", NOW);
const w24 = rangeWindow("24h", NOW);

describe("uptimeCoverage", () => {
  it("no data: nothing observed, not enough, first probe null", () => {
    const c = uptimeCoverage({ from: w30.from, now: NOW, bucketMs: DAY, firstProbeAt: null, probedBuckets: 0, lastProbedBucket: null, probes: 0 });
    expect(c).toMatchObject({ firstProbeAt: null, observedSeconds: 0, share: 0, enough: false });
    expect(coverageText(c, "30d")).toBe("nothing of 30 d observed");
  });

  it("a check first probed 10 minutes ago covers 10 minutes of 30 days: not enough", () => {
    const first = new Date(NOW - 10 * MIN);
    const today = new Date(Math.floor(NOW / DAY) * DAY);
    const c = uptimeCoverage({ from: w30.from, now: NOW, bucketMs: DAY, firstProbeAt: first, probedBuckets: 1, lastProbedBucket: today, probes: 10 });
    expect(c.observedSeconds).toBe(600);
    expect(c.rangeSeconds).toBe((NOW - w30.from) / 1000);
    expect(c.share).toBeCloseTo(600 / c.rangeSeconds, 12);
    expect(c.enough).toBe(false);
    expect(coverageText(c, "30d")).toBe("10 min of 30 d observed");
    expect(uptimeFigure("18.18 %", c)).toBe(NOT_ENOUGH_DATA);
  });

  it("older than the range: the whole range is observed and enough", () => {
    const c = uptimeCoverage({
      from: w30.from,
      now: NOW,
      bucketMs: DAY,
      firstProbeAt: new Date(NOW - 40 * DAY),
      probedBuckets: 30,
      lastProbedBucket: new Date(Math.floor(NOW / DAY) * DAY),
      probes: 43_000,
    });
    expect(c.firstProbeAt?.getTime()).toBe(w30.from);
    expect(c.observedSeconds).toBe(c.rangeSeconds);
    expect(c.share).toBe(1);
    expect(c.enough).toBe(true);
    expect(coverageText(c, "30d")).toBe("all of 30 d observed");
    expect(uptimeFigure("99.95 %", c)).toBe("99.95 %");
  });

  it("paused: buckets without probes are left out, and a check paused since is not observed up to now", () => {
    // 24 h of minute rollups: probed from 10 h ago for 3 h, then paused.
    const first = NOW - 10 * HOUR;
    const c = uptimeCoverage({
      from: w24.from,
      now: NOW,
      bucketMs: MIN,
      firstProbeAt: new Date(first),
      probedBuckets: 180,
      lastProbedBucket: new Date(first + 179 * MIN),
      probes: 180,
    });
    expect(c.observedSeconds).toBe(3 * 3600);
    expect(c.enough).toBe(true);
    expect(coverageText(c, "24h")).toBe("3 h of 24 h observed");
  });

  it("the first and the last bucket count only from the first probe and up to now", () => {
    // Day buckets: first probe yesterday 18:00, every day since, today in progress (12:00).
    const first = Math.floor(NOW / DAY) * DAY - 6 * HOUR;
    const c = uptimeCoverage({
      from: w30.from,
      now: NOW,
      bucketMs: DAY,
      firstProbeAt: new Date(first),
      probedBuckets: 2,
      lastProbedBucket: new Date(Math.floor(NOW / DAY) * DAY),
      probes: 1080,
    });
    expect(c.observedSeconds).toBe(18 * 3600);
    expect(c.enough).toBe(true);
  });

  it("the minimum: the larger of 1 hour and 1 % of the range, and at least 10 probes", () => {
    expect(minimumObservedSeconds(24 * 3600)).toBe(3600);
    expect(minimumObservedSeconds(30 * 86400)).toBe(25_920);
    const at = (observedMin: number, probes: number) =>
      uptimeCoverage({
        from: w24.from,
        now: NOW,
        bucketMs: MIN,
        firstProbeAt: new Date(NOW - observedMin * MIN),
        probedBuckets: observedMin,
        lastProbedBucket: new Date(NOW - MIN),
        probes,
      }).enough;
    expect(at(59, 59)).toBe(false);
    expect(at(60, 60)).toBe(true);
    expect(at(120, 9)).toBe(false);
  });

  it("never more than the time since the first probe, never a share above 1", () => {
    const c = uptimeCoverage({ from: w24.from, now: NOW, bucketMs: HOUR, firstProbeAt: new Date(NOW - 5 * MIN), probedBuckets: 3, lastProbedBucket: new Date(NOW - 2 * HOUR), probes: 5 });
    expect(c.observedSeconds).toBeLessThanOrEqual(300);
    expect(c.share).toBeLessThanOrEqual(1);
  });
});
