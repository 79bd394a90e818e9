/** The pure parts of maintenance windows: time rules, states, the form reader, and how rollups and the strip count them. */
import { describe, expect, it } from "vitest";
import { zodIssues } from "@/lib/http/errors";
import { scheduleBodyFromForm } from "@/lib/maintenance/form";
import { MAX_WINDOW_MS, scheduleWindowSchema, windowState, windowTimeIssues } from "@/lib/maintenance/schemas";
import { availabilityLevel, stripBars } from "@/lib/uptime/present";
import { rollupRows } from "@/lib/uptime/rollup";

const now = new Date("2026-12-08T12:00:00Z");
const at = (offsetMinutes: number) => new Date(now.getTime() + offsetMinutes * 60_000);
const paths = (issues: { path: string }[]) => issues.map((i) => i.path);

describe("window time rules", () => {
  it("the end after the start, at most 7 days long, not in the past, and no start in the past", () => {
    expect(windowTimeIssues({ endsAt: at(60) }, now)).toEqual([]);
    expect(windowTimeIssues({ startsAt: at(60), endsAt: at(120) }, now)).toEqual([]);
    expect(windowTimeIssues({ startsAt: at(-0.5), endsAt: at(60) }, now)).toEqual([]); // within the tolerance
    expect(paths(windowTimeIssues({ endsAt: at(-1) }, now))).toEqual(["endsAt"]);
    expect(paths(windowTimeIssues({ endsAt: now }, now))).toEqual(["endsAt"]);
    expect(paths(windowTimeIssues({ startsAt: at(120), endsAt: at(60) }, now))).toEqual(["endsAt"]);
    expect(windowTimeIssues({ startsAt: now, endsAt: new Date(now.getTime() + MAX_WINDOW_MS) }, now)).toEqual([]);
    expect(windowTimeIssues({ startsAt: now, endsAt: new Date(now.getTime() + MAX_WINDOW_MS + 1) }, now)[0]!.message).toBe("A window can last at most 7 days.");
    expect(paths(windowTimeIssues({ startsAt: at(-120), endsAt: at(60) }, now))).toEqual(["startsAt"]);
  });

  it("without a clock only the rules between start and end apply (the schema)", () => {
    expect(windowTimeIssues({ startsAt: at(-600), endsAt: at(-540) })).toEqual([]);
    expect(paths(windowTimeIssues({ startsAt: at(60), endsAt: at(30) }))).toEqual(["endsAt"]);
    const r = scheduleWindowSchema.safeParse({ startsAt: "2026-12-08T14:00:00Z", endsAt: "2026-12-16T14:00:01Z", reason: "long" });
    expect(r.success).toBe(false);
    expect(zodIssues(r.error!)).toEqual([{ path: "endsAt", message: "A window can last at most 7 days." }]);
    expect(scheduleWindowSchema.parse({ endsAt: "2026-12-08T14:30:00+01:00", reason: "  Kernel patch  " })).toEqual({ endsAt: new Date("2026-12-08T13:30:00Z"), reason: "Kernel patch" });
  });

  it("states: upcoming before the start, open until the end (exclusive), then ended", () => {
    const w = { startsAt: at(10), endsAt: at(70) };
    expect(windowState(w, now)).toBe("upcoming");
    expect(windowState(w, at(10))).toBe("open");
    expect(windowState(w, at(69.99))).toBe("open");
    expect(windowState(w, at(70))).toBe("ended");
  });
});

describe("the schedule form", () => {
  const form = (fields: Record<string, string>) => {
    const f = new FormData();
    for (const [k, v] of Object.entries(fields)) f.set(k, v);
    return f;
  };
  const refusal = (fields: Record<string, string>) => {
    try {
      scheduleBodyFromForm(form(fields), now);
    } catch (err) {
      return (err as { issues: { path: string; message: string }[] }).issues;
    }
    throw new Error("accepted");
  };

  it("a duration counts from the start, or from now when the start is blank; times are UTC", () => {
    expect(scheduleBodyFromForm(form({ durationMinutes: "90", reason: "Upgrade" }), now)).toEqual({ endsAt: "2026-12-08T13:30:00.000Z", reason: "Upgrade" });
    expect(scheduleBodyFromForm(form({ startsAt: "2026-12-09T02:00", durationMinutes: "30", reason: "Night" }), now)).toEqual({
      startsAt: "2026-12-09T02:00:00Z",
      endsAt: "2026-12-09T02:30:00.000Z",
      reason: "Night",
    });
    expect(scheduleBodyFromForm(form({ endsAt: "2026-12-08T14:30", reason: "x" }), now)).toEqual({ endsAt: "2026-12-08T14:30:00Z", reason: "x" });
  });

  it("an end or a duration, not both and not neither; a duration above zero", () => {
    expect(refusal({ reason: "x" })).toEqual([{ path: "endsAt", message: "Give an end time or a duration." }]);
    expect(paths(refusal({ endsAt: "2026-12-08T14:30", durationMinutes: "30", reason: "x" }))).toEqual(["durationMinutes"]);
    expect(paths(refusal({ durationMinutes: "0", reason: "x" }))).toEqual(["durationMinutes"]);
    expect(paths(refusal({ durationMinutes: "an hour", reason: "x" }))).toEqual(["durationMinutes"]);
  });
});

describe("maintenance probes in rollups and the strip", () => {
  it("count as maintenance only: no outcome, latency, status or error counts", () => {
    const base = { checkId: "c", at: new Date("2026-12-08T12:00:10Z"), httpStatus: 503, errorClass: "status" } as const;
    const [row] = rollupRows(
      [
        { ...base, outcome: "up", latencyMs: 20, httpStatus: 200, errorClass: null },
        { ...base, outcome: "down", latencyMs: 30, inMaintenance: true },
        { ...base, outcome: "down", latencyMs: 40, inMaintenance: true },
      ],
      ["minute"],
    );
    expect(row).toMatchObject({ up: 1, down: 0, degraded: 0, maintenance: 2, latencyCount: 1, latencySumMs: 20, statusCounts: { 200: 1 }, errorCounts: {} });
  });

  it("a bar of maintenance only is a level of its own; with counted probes the level follows those", () => {
    expect(availabilityLevel({ up: 0, down: 0, degraded: 0, maintenance: 4 })).toBe("maintenance");
    expect(availabilityLevel({ up: 0, down: 0, degraded: 0, maintenance: 0 })).toBe("none");
    expect(availabilityLevel({ up: 10, down: 0, degraded: 0, maintenance: 50 })).toBe("full");
    const point = (t: number, up: number, maintenance: number) => ({ t, up, down: 0, degraded: 0, maintenance, p50: null, p95: null, p99: null });
    const bars = stripBars([point(0, 0, 15), point(900_000, 0, 15), point(3_600_000, 15, 0), point(4_500_000, 0, 15)], 3_600_000);
    expect(bars.map((b) => [b.level, b.maintenance, b.availability])).toEqual([
      ["maintenance", 30, null],
      ["full", 15, 100],
    ]);
  });
});
