/**
 * The demo's recovery log is generated relative to the moment of seeding (nightly backups at 02:00 UTC,
 * drills and restore tests some days back). Whatever that moment, every monitor and target must show
 * the state ./data.ts names, and keep it for a while after seeding (the tests assert minutes later).
 */
import { describe, expect, it } from "vitest";
import { DEMO_SERVICES, type DemoService } from "@/lib/demo/data";
import { demoRecoveryLog } from "@/lib/demo/recovery";
import { backupState, drillState } from "@/lib/recovery/status";

const MIN = 60_000;
const editor = { id: "u_editor", email: "editor@example.com" };

/** States as lib/recovery/store.ts derives them: the seed's targets have an RPO of 24 h and a 90-day drill interval. */
function statesAt(s: DemoService, seededAt: Date, ...at: Date[]) {
  const { monitors, events } = demoRecoveryLog("svc", s, seededAt, editor);
  return at.map((now) => statesOf(s, monitors, events, now));
}

function statesOf(s: DemoService, monitors: ReturnType<typeof demoRecoveryLog>["monitors"], events: ReturnType<typeof demoRecoveryLog>["events"], now: Date) {
  const drillRecord = (e: (typeof events)[number]) => ({
    status: e.status,
    startedAt: e.startedAt ? new Date(e.startedAt) : null,
    finishedAt: e.finishedAt ? new Date(e.finishedAt) : null,
    restoredToAt: e.restoredToAt ? new Date(e.restoredToAt) : null,
  });
  return {
    targets: Object.fromEntries(
      s.rto.map((r) => [
        r.component,
        drillState({ rtoSeconds: r.rtoSeconds, rpoSeconds: 24 * 3600, drillIntervalDays: 90 }, events.filter((e) => e.kind === "drill" && e.component === r.component).map(drillRecord), now).status,
      ]),
    ),
    monitors: Object.fromEntries(monitors.map((m) => [m.component, backupState(m, events.filter((e) => e.kind === "backup" && e.component === m.component).map(drillRecord), now).status])),
  };
}

const EXPECTED: Record<string, ReturnType<typeof statesOf>> = {
  cryptopulse: { targets: { API: "met", Database: "met", Redis: "missed", "Full system": "never" }, monitors: { Database: "ok", Redis: "failing" } },
  glasswork: { targets: { API: "met" }, monitors: { "RDS database": "ok" } },
  hyperterse: { targets: { API: "met", "Full system": "missed" }, monitors: { Database: "never" } },
  trailbase: { targets: { API: "never", "SQLite database": "overdue" }, monitors: { "SQLite database": "overdue" } },
};

/** Edges of the day, month and year (29 February included), around the nightly run, and every quarter hour of a day. */
const SEED_TIMES = [
  "2028-02-28T23:59:59.900Z",
  "2028-02-29T00:00:00.100Z",
  "2028-02-29T12:00:00Z",
  "2028-03-01T00:00:00.100Z",
  "2026-12-31T23:59:59.900Z",
  "2027-01-01T00:00:00.100Z",
  "2026-10-31T02:04:00Z",
  "2026-11-26T02:34:59.999Z",
  "2026-11-26T02:35:00.001Z",
  ...Array.from({ length: 96 }, (_, i) => new Date(Date.UTC(2026, 10, 26) + i * 15 * MIN + 17_000).toISOString()),
];

describe("demo recovery log, whenever it is seeded", () => {
  it("every target and monitor shows its named state at seeding and still half an hour later", () => {
    for (const iso of SEED_TIMES) {
      const seededAt = new Date(iso);
      for (const s of DEMO_SERVICES) {
        const [atSeeding, later] = statesAt(s, seededAt, seededAt, new Date(seededAt.getTime() + 30 * MIN));
        expect(atSeeding, `${s.slug} seeded at ${iso}`).toEqual(EXPECTED[s.slug]);
        expect(later, `${s.slug} seeded at ${iso}, 30 min later`).toEqual(EXPECTED[s.slug]);
      }
    }
  });

  it("an 'ok' monitor never ends on a failed night, even when tonight's run is still to come", () => {
    // A component whose night before (1 day back) is one of the history's failed nights.
    const s: DemoService = {
      ...DEMO_SERVICES.find((x) => x.slug === "glasswork")!,
      slug: "demo-test",
      backups: [{ component: "Volume 3", intervalHours: 24, location: "s3://v/%s", sizeMb: 10, reportedBy: "cron", ends: "ok" }],
    };
    for (const iso of ["2026-11-26T00:00:00.100Z", "2026-11-26T01:15:00Z", "2026-11-26T02:20:00Z", "2026-11-26T09:30:00Z"]) {
      expect(statesAt(s, new Date(iso), new Date(iso))[0]!.monitors, iso).toEqual({ "Volume 3": "ok" });
    }
    // The history still has failed nights, just not the newest.
    expect(demoRecoveryLog("svc", s, new Date("2026-11-26T01:15:00Z"), editor).events.some((e) => e.kind === "backup" && e.status === "failed")).toBe(true);
  });

  it("nothing in the log lies in the future", () => {
    for (const iso of ["2028-02-29T00:00:00.100Z", "2026-11-26T02:04:00Z", "2026-11-26T23:59:59.900Z"]) {
      const now = new Date(iso).getTime();
      for (const s of DEMO_SERVICES) {
        for (const e of demoRecoveryLog("svc", s, new Date(iso), editor).events) expect(new Date(e.finishedAt!).getTime(), `${s.slug} ${e.kind} ${iso}`).toBeLessThanOrEqual(now);
      }
    }
  });
});
