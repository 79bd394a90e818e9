import { describe, expect, it } from "vitest";
import { planRetry, RETRY_WINDOW_SECONDS } from "@/lib/alerts/backoff";

const first = new Date("2028-02-28T23:59:30.000Z");
const plus = (at: Date, seconds: number) => new Date(at.getTime() + seconds * 1000);

describe("planRetry", () => {
  it("waits about 30 s, 2 min, 10 min and 1 h after the first four failures", () => {
    expect(planRetry(1, first, first)).toEqual(plus(first, 30));
    const second = plus(first, 30);
    expect(planRetry(2, first, second)).toEqual(plus(second, 120));
    const third = plus(second, 120);
    expect(planRetry(3, first, third)).toEqual(plus(third, 600));
    const fourth = plus(third, 600);
    expect(planRetry(4, first, fourth)).toEqual(plus(fourth, 3600));
  });

  it("then retries hourly, from when the attempt was actually made", () => {
    const late = plus(first, 5 * 3600 + 17);
    expect(planRetry(5, first, late)).toEqual(plus(late, 3600));
    expect(planRetry(12, first, late)).toEqual(plus(late, 3600));
  });

  it("pulls the last retry in to 24 h after the first attempt, and gives up after it", () => {
    const nearEnd = plus(first, RETRY_WINDOW_SECONDS - 600);
    expect(planRetry(25, first, nearEnd)).toEqual(plus(first, RETRY_WINDOW_SECONDS));
    expect(planRetry(26, first, plus(first, RETRY_WINDOW_SECONDS))).toBe("give up");
    expect(planRetry(1, first, plus(first, RETRY_WINDOW_SECONDS + 1))).toBe("give up");
  });

  it("keeps trying for the whole day when every attempt fails on time", () => {
    let at = first;
    let attempts = 0;
    for (;;) {
      attempts++;
      const next = planRetry(attempts, first, at);
      if (next === "give up") break;
      expect(next.getTime()).toBeGreaterThan(at.getTime());
      at = next;
    }
    // the first attempt, 4 backoff retries (the last at 1 h 12.5 min), 22 hourly ones, and a last one at the 24 h mark
    expect(attempts).toBe(28);
    expect(at).toEqual(plus(first, RETRY_WINDOW_SECONDS));
  });
});
