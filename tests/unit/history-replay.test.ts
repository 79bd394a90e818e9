import { describe, expect, it } from "vitest";
import { replayChecklist, type ReplayEntry, type ReplayItem } from "@/lib/history/replay";
import { csvField, csvLine } from "@/lib/history/csv";
import { lastDays } from "@/lib/history/dates";
import { sparklinePath, trendText } from "@/lib/history/sparkline";

const at = (iso: string) => new Date(iso);
const item = (key: string, over: Partial<ReplayItem> = {}): ReplayItem => ({
  key, title: key, severity: "high", required: true, requiredUpToTier: null, state: "done", naReason: null, archivedAt: null,
  waiverStatus: null, waiverExpiresAt: null, verifiedAt: null, reverifyDays: null, autoCheck: null, effectiveFrom: null, ...over,
});
const update = (key: string, iso: string, before: object, after: object): ReplayEntry => ({ at: at(iso), action: "checklist.update", key, before, after });
const moment = (date: string) => ({ date, asOf: at(`${date}T00:00:00Z`) });

describe("replayChecklist", () => {
  it("undoes the changes after each moment, newest first", () => {
    const items = [item("a"), item("b")];
    const entries = [
      update("a", "2026-03-02T10:00:00Z", { state: "open" }, { state: "done" }),
      update("b", "2026-03-03T10:00:00Z", { state: "open" }, { state: "done" }),
    ];
    const points = replayChecklist(items, entries, [moment("2026-03-04"), moment("2026-03-02"), moment("2026-03-03")], 2);
    expect(points.map((p) => [p.date, p.score, p.level, p.blockers])).toEqual([
      ["2026-03-04", 100, "ready", 0],
      ["2026-03-02", 0, "not-ready", 2],
      ["2026-03-03", 50, "at-risk", 1],
    ]);
  });

  it("rebuilds waivers: pending before the approval, none before the N/A", () => {
    const items = [item("a", { state: "na", naReason: "stateless", waiverStatus: "approved", waiverExpiresAt: at("2026-06-01T00:00:00Z") }), item("b")];
    const entries: ReplayEntry[] = [
      update("a", "2026-03-01T12:00:00Z", { state: "open", note: null, naReason: null }, { state: "na", naReason: "stateless", waiver: "pending", waiverExpiresAt: "2026-06-01T00:00:00.000Z" }),
      { at: at("2026-03-02T12:00:00Z"), action: "waiver.approve", key: "a", before: { waiver: "pending" }, after: { waiver: "approved" } },
    ];
    const [open, pending, approved, expired] = replayChecklist(items, entries, [moment("2026-03-01"), moment("2026-03-02"), moment("2026-03-03"), moment("2026-06-02")], 2);
    expect([open!.score, open!.waivers, open!.blockers]).toEqual([50, 0, 1]);
    expect([pending!.score, pending!.waivers, pending!.blockers]).toEqual([50, 1, 1]);
    expect([approved!.score, approved!.waivers, approved!.blockers, approved!.level]).toEqual([100, 1, 0, "ready"]);
    expect([expired!.score, expired!.waivers, expired!.blockers]).toEqual([50, 0, 1]);
  });

  it("leaves out items added or archived by then, and rebuilds the tick's age for re-verification", () => {
    const items = [
      item("a", { reverifyDays: 10 }),
      item("late", { state: "open" }),
      item("gone", { state: "open", archivedAt: at("2026-03-05T00:00:00Z") }),
    ];
    const entries: ReplayEntry[] = [
      update("a", "2026-03-01T08:00:00Z", { state: "open" }, { state: "done" }),
      update("a", "2026-03-20T08:00:00Z", { state: "done" }, { state: "open" }),
      update("a", "2026-03-21T08:00:00Z", { state: "open" }, { state: "done" }),
      { at: at("2026-03-04T08:00:00Z"), action: "checklist.add", key: "late", before: null, after: { title: "late" } },
    ];
    const [beforeAdd, fresh, stale] = replayChecklist(items, entries, [moment("2026-03-03"), moment("2026-03-06"), moment("2026-03-15")], 2);
    // on 3 March "gone" still counts and "late" does not yet exist
    expect([beforeAdd!.score, beforeAdd!.blockers]).toEqual([50, 1]);
    expect([fresh!.score, fresh!.blockers]).toEqual([50, 1]);
    // ticked on 1 March, due again on 11 March
    expect([stale!.score, stale!.blockers]).toEqual([0, 2]);
  });
});

describe("history CSV and dates", () => {
  it("quotes fields with separators and defuses spreadsheet formulas", () => {
    expect(csvLine(["a", 1, true])).toBe("a,1,true\r\n");
    expect(csvField('Say "hi", then go')).toBe('"Say ""hi"", then go"');
    expect(csvField("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
  });

  it("lists the UTC days ending today", () => {
    expect(lastDays(at("2026-03-01T23:59:00Z"), 3)).toEqual(["2026-02-27", "2026-02-28", "2026-03-01"]);
  });
});

describe("sparkline", () => {
  const now = at("2026-03-10T12:00:00Z");
  it("draws consecutive days as one line, a gap as a new start, and a lone point as a dot", () => {
    const d = sparklinePath(
      [{ date: "2026-03-06", score: 0 }, { date: "2026-03-07", score: 50 }, { date: "2026-03-09", score: 100 }, { date: "2026-02-01", score: 10 }],
      5, now, 2, 12,
    );
    // 5 days over x 1..9 (step 2); y 1 (100) .. 11 (0); the day outside the window is left out
    expect(d).toBe("M1 11l2 -5M7 1h.1");
  });

  it("says the trend in words", () => {
    expect(trendText([])).toBe("No score history yet");
    expect(trendText([{ date: "2026-03-10", score: 85 }])).toBe("Score 85 on 2026-03-10, the first day recorded");
    expect(trendText([{ date: "2026-02-09", score: 72 }, { date: "2026-03-10", score: 85 }])).toBe("Score 72 → 85 over 30 days");
  });
});
