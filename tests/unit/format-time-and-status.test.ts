import { describe, expect, it } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { createElement } from "react";
import { Status } from "@/components/ui/status";
import { DateTime, RelativeTime } from "@/components/ui/time";
import { formatClock, formatDate, formatDateTime, formatDayMonth, formatDuration, formatRelative } from "@/lib/format/time";
import {
  BACKUP_STATUS,
  CHECK_STATUS,
  DRILL_STATUS,
  ENTRY_STATUS,
  LEVEL_STATUS,
  REVIEW_STATUS,
  THRESHOLD_STATUS,
  TONE_ICON,
  type StatusWord,
} from "@/lib/status/present";

const DAY = 86_400;

describe("one date style", () => {
  const at = new Date("2026-11-26T19:25:03Z");

  it("writes a moment as '26 Nov 2026, 19:25 UTC', a day as '26 Nov 2026'", () => {
    expect(formatDateTime(at)).toBe("26 Nov 2026, 19:25 UTC");
    expect(formatDateTime(at, { seconds: true })).toBe("26 Nov 2026, 19:25:03 UTC");
    expect(formatDate(at)).toBe("26 Nov 2026");
    expect(formatDayMonth(at)).toBe("26 Nov");
    expect(formatClock("2026-09-03T04:05:00Z")).toBe("04:05");
    // ISO strings and epoch milliseconds read the same; September is "Sep" whatever the ICU data says.
    expect(formatDateTime("2026-09-03T04:05:00Z")).toBe("3 Sep 2026, 04:05 UTC");
    expect(formatDateTime(Date.UTC(2027, 0, 1, 0, 0))).toBe("1 Jan 2027, 00:00 UTC");
  });

  it("is UTC whatever the process's time zone", () => {
    const tz = process.env.TZ;
    try {
      for (const zone of ["America/Los_Angeles", "Asia/Kolkata", "UTC"]) {
        process.env.TZ = zone;
        expect(formatDateTime("2026-12-31T23:30:00Z")).toBe("31 Dec 2026, 23:30 UTC");
      }
    } finally {
      process.env.TZ = tz;
    }
  });

  it("says how long ago, or how far ahead: to the second under a minute, then to the minute", () => {
    const now = new Date("2026-11-26T12:00:00Z");
    const before = (s: number) => new Date(now.getTime() - s * 1000);
    expect(formatRelative(before(3), now)).toBe("just now");
    expect(formatRelative(before(10), now)).toBe("10 s ago");
    expect(formatRelative(before(50), now)).toBe("50 s ago");
    expect(formatRelative(before(-20), now)).toBe("in 20 s");
    expect(formatRelative(before(80), now)).toBe("1 min ago");
    expect(formatRelative(before(6 * 60 + 10), now)).toBe("6 min ago");
    expect(formatRelative(before(2 * 3600 + 5 * 60), now)).toBe("2 h 5 min ago");
    expect(formatRelative(before(3 * DAY + 7200), now)).toBe("3 d 2 h ago");
    expect(formatRelative(before(-4 * 3600), now)).toBe("in 4 h");
  });

  it("ages: the phrase for one moment read as the clock moves on (what the browser's one-second clock re-renders)", () => {
    const at = Date.parse("2026-11-26T12:00:00Z");
    const phraseAfter = (s: number) => formatRelative(at, at + s * 1000);
    expect([0, 4, 5, 12, 59, 60, 89, 90, 180, 3600, 3 * 3600 + 20 * 60, DAY + 3600].map(phraseAfter)).toEqual([
      "just now",
      "just now",
      "5 s ago",
      "12 s ago",
      "59 s ago",
      "1 min ago",
      "1 min ago",
      "2 min ago",
      "3 min ago",
      "1 h ago",
      "3 h 20 min ago",
      "1 d 1 h ago",
    ]);
    // The case: a probe "just now" at render still says so only for the first seconds.
    expect(phraseAfter(80)).not.toBe(phraseAfter(0));
  });

  it("renders a relative time with the server's clock, so the hydrating render in the browser reads the same", () => {
    // On the server (and in the browser's first render) the phrase is the request's `now`, never the
    // clock of the moment of rendering: the HTML and the hydration match.
    const html = renderToStaticMarkup(createElement(RelativeTime, { at: "2026-11-26T19:25:00Z", now: "2026-11-26T19:25:12Z" }));
    expect(html).toBe('<time dateTime="2026-11-26T19:25:00.000Z" title="26 Nov 2026, 19:25 UTC">12 s ago</time>');
  });

  it("writes durations the same way on every page", () => {
    expect([formatDuration(null), formatDuration(45), formatDuration(90), formatDuration(125), formatDuration(14 * 60), formatDuration(3900), formatDuration(5400), formatDuration(3 * DAY + 7200), formatDuration(2 * DAY)]).toEqual([
      "—",
      "45 s",
      "1 min 30 s",
      "2 min 5 s",
      "14 min",
      "1 h 5 min",
      "1 h 30 min",
      "3 d 2 h",
      "2 d",
    ]);
  });

  it("renders <time> with the machine-readable moment, and the absolute time as the title of a relative one", () => {
    expect(renderToStaticMarkup(createElement(DateTime, { at: "2026-11-26T19:25:03Z" }))).toBe('<time dateTime="2026-11-26T19:25:03.000Z">26 Nov 2026, 19:25 UTC</time>');
    expect(renderToStaticMarkup(createElement(DateTime, { at: "2026-11-26T19:25:03Z", dateOnly: true }))).toBe('<time dateTime="2026-11-26T19:25:03.000Z">26 Nov 2026</time>');
    expect(renderToStaticMarkup(createElement(RelativeTime, { at: "2026-11-26T19:20:00Z", now: "2026-11-26T19:25:03Z" }))).toBe(
      '<time dateTime="2026-11-26T19:20:00.000Z" title="26 Nov 2026, 19:20 UTC">5 min ago</time>',
    );
  });
});

describe("one status vocabulary", () => {
  const tones = (map: Record<string, StatusWord>) => Object.fromEntries(Object.entries(map).map(([k, v]) => [k, v.tone]));

  it("maps every domain's states onto the same four tones", () => {
    expect(tones(CHECK_STATUS)).toEqual({ up: "good", degraded: "warning", down: "bad", unknown: "neutral" });
    expect(tones(THRESHOLD_STATUS)).toEqual({ ok: "good", pending: "warning", breached: "bad", "no-data": "neutral" });
    // A drill never done or overdue blocks readiness like a missed one (lib/readiness/compute.ts): bad, not neutral.
    expect(tones(DRILL_STATUS)).toEqual({ met: "good", missed: "bad", overdue: "bad", never: "bad" });
    expect(tones(BACKUP_STATUS)).toEqual({ ok: "good", waiting: "neutral", overdue: "bad", never: "bad", failing: "bad" });
    expect(tones(ENTRY_STATUS)).toEqual({ success: "good", failed: "bad", started: "neutral" });
    expect(tones(LEVEL_STATUS)).toEqual({ ready: "good", "at-risk": "warning", "not-ready": "bad" });
    expect(tones(REVIEW_STATUS)).toEqual({ none: "neutral", requested: "neutral", approved: "good", changes_requested: "bad", withdrawn: "neutral" });
  });

  it("keeps the domain words, each starting with a capital", () => {
    const all = [CHECK_STATUS, THRESHOLD_STATUS, DRILL_STATUS, BACKUP_STATUS, ENTRY_STATUS, LEVEL_STATUS, REVIEW_STATUS].flatMap((m) => Object.values(m));
    for (const w of all) expect(w.text).toMatch(/^[A-Z]/);
    expect([DRILL_STATUS.never.text, BACKUP_STATUS.overdue.text, THRESHOLD_STATUS.breached.text]).toEqual(["Never drilled", "Overdue", "Breached"]);
  });

  it("draws a status as icon and text, so colour is never the only signal", () => {
    expect(new Set(Object.values(TONE_ICON)).size).toBe(4);
    const badge = renderToStaticMarkup(createElement(Status, { status: DRILL_STATUS.never }));
    expect(badge).toContain('<span aria-hidden="true">✕</span>Never drilled');
    const text = renderToStaticMarkup(createElement(Status, { status: THRESHOLD_STATUS.breached, variant: "text" }, "2 of 5 breached"));
    expect(text).toContain('<span aria-hidden="true">✕</span>2 of 5 breached');
    expect(text).toContain("text-red-700");
  });
});
