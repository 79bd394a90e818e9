import { describe, expect, it } from "vitest";
import {
  NO_DATA_AFTER_SECONDS,
  breaches,
  carryOver,
  decideProbe,
  describeCondition,
  evaluateSamples,
  lookbackSeconds,
  pendingProgress,
  summarise,
  type Comparator,
  type Rule,
  type Sample,
} from "@/lib/thresholds/evaluate";

const NOW = new Date("2026-11-26T12:00:00Z");
const ago = (seconds: number) => new Date(NOW.getTime() - seconds * 1000);
/** One sample a minute from `fromSecondsAgo` to `toSecondsAgo` (inclusive), all with `value`. */
function minutely(fromSecondsAgo: number, toSecondsAgo: number, value: number): Sample[] {
  const out: Sample[] = [];
  for (let s = fromSecondsAgo; s >= toSecondsAgo; s -= 60) out.push({ at: ago(s), value });
  return out;
}

const cpu: Rule = { comparator: "gt", limit: 80, sustainedSeconds: 300 };

describe("comparators", () => {
  const cases: [Comparator, number, boolean][] = [
    ["gt", 81, true],
    ["gt", 80, false],
    ["gt", 79, false],
    ["gte", 81, true],
    ["gte", 80, true],
    ["gte", 79, false],
    ["lt", 79, true],
    ["lt", 80, false],
    ["lt", 81, false],
    ["lte", 79, true],
    ["lte", 80, true],
    ["lte", 81, false],
  ];
  it.each(cases)("%s 80 with %d breaches: %s", (comparator, value, expected) => {
    expect(breaches(value, { comparator, limit: 80 })).toBe(expected);
    // The same through a whole evaluation, with no sustain: one fresh sample decides.
    const r = evaluateSamples([{ at: ago(30), value }], { comparator, limit: 80, sustainedSeconds: 0 }, NOW);
    expect(r.status).toBe(expected ? "breached" : "ok");
    expect(r.value).toBe(value);
  });

  it("a 'below' threshold (e.g. free disk < 10 %) breaches on low values and keeps the lowest of simultaneous values", () => {
    const rule: Rule = { comparator: "lt", limit: 10, sustainedSeconds: 0 };
    expect(evaluateSamples([{ at: ago(10), value: 12 }, { at: ago(10), value: 8 }], rule, NOW)).toMatchObject({ status: "breached", value: 8 });
  });
});

describe('"sustained for" windows', () => {
  it("a single spike does not breach a 'sustained 5 min' threshold", () => {
    const samples = [...minutely(600, 120, 40), { at: ago(60), value: 99 }, { at: ago(0), value: 45 }];
    expect(evaluateSamples(samples, cpu, NOW)).toMatchObject({ status: "ok", value: 45, since: null });
    // Even when the spike is the newest sample, it is not sustained yet: pending since that sample.
    expect(evaluateSamples([...minutely(600, 60, 40), { at: ago(0), value: 99 }], cpu, NOW)).toMatchObject({ status: "pending", value: 99, since: NOW });
  });

  it("five minutes above does breach, since the first sample of the run", () => {
    const samples = [...minutely(900, 360, 40), ...minutely(300, 0, 95)];
    const r = evaluateSamples(samples, cpu, NOW);
    expect(r).toEqual({ status: "breached", value: 95, valueAt: NOW, since: ago(300) });
  });

  it("four minutes above is not yet five: pending since the run's first sample", () => {
    const samples = [...minutely(900, 300, 40), ...minutely(240, 0, 95)];
    expect(evaluateSamples(samples, cpu, NOW)).toEqual({ status: "pending", value: 95, valueAt: NOW, since: ago(240) });
  });

  it("one sample back below the limit ends the breach", () => {
    const samples = [...minutely(900, 60, 95), { at: ago(0), value: 70 }];
    expect(evaluateSamples(samples, cpu, NOW)).toMatchObject({ status: "ok", value: 70, since: null });
  });

  it("a dip inside the window restarts the run", () => {
    const samples = [...minutely(900, 240, 95), { at: ago(180), value: 50 }, ...minutely(120, 0, 95)];
    expect(evaluateSamples(samples, cpu, NOW)).toMatchObject({ status: "pending", since: ago(120) });
  });

  it("the samples must cover the window: a single breaching sample after a long silence is not sustained", () => {
    // Above at 20 min ago, silence, above again now: the gap (> 10 min) breaks the run.
    const samples = [{ at: ago(1200), value: 95 }, { at: ago(0), value: 95 }];
    expect(evaluateSamples(samples, cpu, NOW)).toMatchObject({ status: "pending", since: NOW });
    // Samples every 5 minutes (under the gap limit) do cover it.
    const sparse = [ago(600), ago(300), ago(0)].map((at) => ({ at, value: 95 }));
    expect(evaluateSamples(sparse, cpu, NOW)).toMatchObject({ status: "breached", since: ago(600) });
  });

  it("sustained 0: one breaching sample is enough", () => {
    const memory: Rule = { comparator: "gt", limit: 85, sustainedSeconds: 0 };
    expect(evaluateSamples([...minutely(600, 60, 50), { at: ago(0), value: 86 }], memory, NOW)).toEqual({
      status: "breached",
      value: 86,
      valueAt: NOW,
      since: NOW,
    });
  });

  it("a run longer than the lookback window is still breached (since the oldest sample it can see)", () => {
    const samples = minutely(4 * 3600, 0, 95);
    const r = evaluateSamples(samples, cpu, NOW);
    expect(r.status).toBe("breached");
    expect(r.since!.getTime()).toBeGreaterThan(ago(lookbackSeconds(cpu)).getTime());
  });

  it("samples after `now` are ignored", () => {
    expect(evaluateSamples([...minutely(600, 0, 40), { at: new Date(NOW.getTime() + 60_000), value: 99 }], { ...cpu, sustainedSeconds: 0 }, NOW).status).toBe("ok");
  });
});

describe("no data", () => {
  it("no samples at all → no-data", () => {
    expect(evaluateSamples([], cpu, NOW)).toEqual({ status: "no-data", value: null, valueAt: null, since: null });
  });

  it("a newest sample older than the staleness limit → no-data, even if it breached", () => {
    const stale = minutely(3600, NO_DATA_AFTER_SECONDS, 99);
    expect(evaluateSamples(stale, cpu, NOW).status).toBe("no-data");
    expect(evaluateSamples(minutely(3600, NO_DATA_AFTER_SECONDS - 60, 99), cpu, NOW).status).toBe("breached");
  });

  it("non-finite values are ignored", () => {
    expect(evaluateSamples([{ at: ago(10), value: Number.NaN }], cpu, NOW).status).toBe("no-data");
  });
});

describe("probe metrics", () => {
  const p95: Rule = { comparator: "gt", limit: 2000, sustainedSeconds: 300 };
  it("breach when the window's aggregate breaches, since the first slow probe", () => {
    expect(decideProbe({ latestAt: ago(10), value: 2600, firstBreachAt: ago(280) }, p95)).toEqual({ status: "breached", value: 2600, valueAt: ago(10), since: ago(280) });
    expect(decideProbe({ latestAt: ago(10), value: 900, firstBreachAt: ago(100) }, p95)).toMatchObject({ status: "ok", since: null });
    expect(decideProbe({ latestAt: null, value: null, firstBreachAt: null }, p95).status).toBe("no-data");
  });
});

describe("a breach keeps its start across evaluations", () => {
  const next = { status: "breached" as const, value: 95, valueAt: NOW, since: ago(1500) };
  it("when the earlier evaluation saw the same run", () => {
    expect(carryOver({ status: "breached", since: ago(7200), evaluatedAt: ago(60) }, next).since).toEqual(ago(7200));
  });
  it("not when it was evaluated before this run began (a different breach)", () => {
    expect(carryOver({ status: "breached", since: ago(7200), evaluatedAt: ago(3600) }, next).since).toEqual(ago(1500));
    expect(carryOver({ status: "ok", since: null, evaluatedAt: ago(60) }, next).since).toEqual(ago(1500));
  });
});

describe("summarise", () => {
  it("reads only the lookback window", () => {
    const s = summarise([{ at: ago(lookbackSeconds(cpu) + 1), value: 99 }], cpu, NOW);
    expect(s).toEqual({ latestAt: null, latestValue: null, runStart: null });
  });
});

describe("describeCondition", () => {
  it("says the condition in words", () => {
    expect(describeCondition(cpu, "%")).toBe("> 80 % for 5 min");
    expect(describeCondition({ comparator: "gt", limit: 85, sustainedSeconds: 0 }, "%")).toBe("> 85 %");
    expect(describeCondition({ comparator: "lte", limit: 3, sustainedSeconds: 90 }, "")).toBe("≤ 3 for 1 min 30 s");
    expect(describeCondition({ comparator: "gte", limit: 2000, sustainedSeconds: 5400 }, "ms")).toBe("≥ 2,000 ms for 1 h 30 min");
  });
});

describe("pending: over the limit, not yet for the sustained window", () => {
  it("CPU at 95 % for 2 of 5 min is pending, not ok, and says how far it is", () => {
    const samples = [...minutely(900, 180, 40), ...minutely(120, 0, 95)];
    const r = evaluateSamples(samples, cpu, NOW);
    expect(r).toEqual({ status: "pending", value: 95, valueAt: NOW, since: ago(120) });
    expect(pendingProgress({ ...r, sustainedSeconds: cpu.sustainedSeconds })).toBe("over the limit for 2 of 5 min");
  });

  it("turns into breached once the run spans the window, and back to ok below the limit", () => {
    const run = minutely(300, 0, 95);
    expect(evaluateSamples(run.slice(0, 5), cpu, ago(60)).status).toBe("pending");
    expect(evaluateSamples(run, cpu, NOW).status).toBe("breached");
    expect(evaluateSamples([...run, { at: ago(0), value: 50 }].filter((s) => s.at <= NOW && !(s.at.getTime() === NOW.getTime() && s.value === 95)), cpu, NOW).status).toBe("ok");
  });

  it("is never pending with sustained 0, nor without data", () => {
    const now0: Rule = { ...cpu, sustainedSeconds: 0 };
    expect(evaluateSamples([{ at: ago(0), value: 95 }], now0, NOW).status).toBe("breached");
    expect(evaluateSamples([{ at: ago(NO_DATA_AFTER_SECONDS), value: 95 }], cpu, NOW).status).toBe("no-data");
  });

  it("carryOver leaves a pending state alone (only breaches keep an earlier start)", () => {
    const pending = evaluateSamples(minutely(120, 0, 95), cpu, NOW);
    expect(carryOver({ status: "breached", since: ago(3600), evaluatedAt: ago(60) }, pending)).toEqual(pending);
  });

  it("progress text: mixed units, capped at the window, and null unless pending", () => {
    const base = { status: "pending" as const, valueAt: NOW };
    expect(pendingProgress({ ...base, since: ago(90), sustainedSeconds: 300 })).toBe("over the limit for 1 min 30 s of 5 min");
    expect(pendingProgress({ ...base, since: NOW, sustainedSeconds: 300 })).toBe("over the limit for 0 s of 5 min");
    expect(pendingProgress({ ...base, since: ago(2 * 3600), sustainedSeconds: 3 * 3600 })).toBe("over the limit for 2 of 3 h");
    expect(pendingProgress({ ...base, status: "ok", since: null, sustainedSeconds: 300 })).toBeNull();
    expect(pendingProgress({ ...base, status: "breached", since: ago(600), sustainedSeconds: 300 })).toBeNull();
  });
});
