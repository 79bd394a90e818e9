/**
 * The recovery flows against a real database: ping URLs (start → success, overdue, bad tokens, big
 * bodies), restore drills against the RTO, the append-only log, and readiness with a controlled clock.
 */
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { serviceReadiness } from "@/lib/readiness/service";
import { CUT_MARKER, PING_BODY_MAX_BYTES, recordPing } from "@/lib/recovery/ping";
import { recoveryOverview } from "@/lib/recovery/store";
import { createBackupMonitor, deleteBackupMonitor, deleteRtoTarget, recordRecoveryEvent, rotatePingToken, upsertRtoTarget } from "@/lib/recovery/write";
import { GET as pingGet, HEAD as pingHead, POST as pingPost } from "@/app/api/ping/[token]/route";
import { GET as signalGet, HEAD as signalHead, POST as pingSignal } from "@/app/api/ping/[token]/[signal]/route";
import { makeMember, makeTeam } from "../helpers/actors";

const ctx = { ip: "198.51.100.7" };
const MIN = 60_000;

/** A service whose checklist is complete, so only recovery signals can keep it from being ready. */
async function readyService() {
  const team = await makeTeam();
  const editor = await makeMember(team.id, "editor");
  const service = await db.service.create({ data: { teamId: team.id, slug: `svc-${team.slug}`, name: "Svc" } });
  await db.serviceChecklistItem.create({
    data: { serviceId: service.id, key: "backups", sectionKey: "ops", sectionTitle: "Ops", title: "Backups", severity: "critical", position: 0, state: "done" },
  });
  expect((await serviceReadiness(service.id)).ready).toBe(true);
  return { team, editor, service };
}

function tokenOf(pingUrl: string) {
  return new URL(pingUrl).pathname.split("/")[3]!;
}

async function writeCounts() {
  const [events, audits, buckets, monitors] = await Promise.all([
    db.recoveryEvent.count(),
    db.auditEvent.count(),
    db.rateLimitBucket.count(),
    db.backupMonitor.findMany({ select: { id: true, runStartedAt: true, lastPingAt: true }, orderBy: { id: "asc" } }),
  ]);
  return { events, audits, buckets, monitors };
}

const req = (url: string, init: { method?: string; body?: BodyInit } = {}) => new NextRequest(new URL(url, "http://localhost"), init);

describe("ping URLs", () => {
  it("/start then success records one backup with its duration; no ping within interval + grace makes it overdue and the service not ready", async () => {
    const { editor, service } = await readyService();
    const { pingUrl } = await createBackupMonitor(editor, service.slug, { component: "Database", intervalSeconds: 86_400, graceSeconds: 3600 }, ctx);
    expect(pingUrl).toMatch(/^http:\/\/localhost:\d+\/api\/ping\/pfp_[A-Za-z0-9_-]{43}$/);
    const token = tokenOf(pingUrl);

    const t0 = new Date();
    expect(await recordPing(token, "start", { excerpt: null }, t0)).toBe("ok");
    expect(await db.recoveryEvent.count({ where: { serviceId: service.id } })).toBe(0);
    const t1 = new Date(t0.getTime() + 7 * MIN);
    expect(await recordPing(token, "success", { excerpt: "Backup completed: /backups/postgres/x.sql.gz", sizeBytes: 1234 }, t1)).toBe("ok");

    const events = await db.recoveryEvent.findMany({ where: { serviceId: service.id } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: "backup", status: "success", source: "ping", component: "Database", sizeBytes: 1234n, logExcerpt: "Backup completed: /backups/postgres/x.sql.gz" });
    expect(events[0]!.startedAt).toEqual(t0);
    expect(events[0]!.finishedAt!.getTime() - events[0]!.startedAt!.getTime()).toBe(7 * MIN);
    expect((await db.backupMonitor.findFirstOrThrow({ where: { serviceId: service.id } })).runStartedAt).toBeNull();
    expect(await db.auditEvent.count({ where: { serviceId: service.id, action: "recovery.event.create" } })).toBe(1);

    // Within interval + grace of the backup: ok, ready.
    const justInTime = new Date(t1.getTime() + (86_400 + 3600) * 1000);
    expect((await serviceReadiness(service.id, justInTime)).ready).toBe(true);
    const [monitor] = (await recoveryOverview(service.id, { now: justInTime, revealPingUrls: false })).monitors;
    expect(monitor!.backup.status).toBe("ok");

    // One second later with no new ping: overdue, and the service is not ready.
    const late = new Date(justInTime.getTime() + 1000);
    expect((await recoveryOverview(service.id, { now: late, revealPingUrls: false })).monitors[0]!.backup.status).toBe("overdue");
    const r = await serviceReadiness(service.id, late);
    expect(r.ready).toBe(false);
    expect(r.blockers).toEqual([{ kind: "backup-overdue", message: "Backup overdue for Database: last backup older than interval" }]);

    // A fail ping turns it "failing"; a later success clears it.
    await recordPing(token, "fail", { excerpt: "pg_dump: error" }, new Date(t1.getTime() + 20 * MIN));
    expect((await serviceReadiness(service.id, new Date(t1.getTime() + 21 * MIN))).blockers[0]?.message).toBe("Backup overdue for Database: last backup failed");
    await recordPing(token, "success", { excerpt: null }, new Date(t1.getTime() + 30 * MIN));
    expect((await serviceReadiness(service.id, new Date(t1.getTime() + 31 * MIN))).ready).toBe(true);
  });

  it("a start ping older than interval + grace is not taken as the run's start", async () => {
    const { editor, service } = await readyService();
    const { pingUrl } = await createBackupMonitor(editor, service.slug, { component: "Redis", intervalSeconds: 3600, graceSeconds: 600 }, ctx);
    const t0 = new Date();
    await recordPing(tokenOf(pingUrl), "start", { excerpt: null }, t0);
    await recordPing(tokenOf(pingUrl), "success", { excerpt: null }, new Date(t0.getTime() + 2 * 3600 * 1000));
    const [e] = await db.recoveryEvent.findMany({ where: { serviceId: service.id } });
    expect(e!.startedAt).toBeNull();
  });

  it("over HTTP: GET and POST answer 200 with a tiny body; /start and /fail work; a bad token answers 404 and writes nothing", async () => {
    const { editor, service } = await readyService();
    const { pingUrl } = await createBackupMonitor(editor, service.slug, { component: "SQLite database" }, ctx);
    const token = tokenOf(pingUrl);

    const start = await pingSignal(req(`/api/ping/${token}/start`, { method: "POST" }), { params: Promise.resolve({ token, signal: "start" }) });
    expect([start.status, await start.text()]).toEqual([200, "OK\n"]);
    const ok = await pingGet(req(`/api/ping/${token}?size=2048&location=s3://b/main.db`), { params: Promise.resolve({ token }) });
    expect([ok.status, await ok.text()]).toEqual([200, "OK\n"]);
    const fail = await pingSignal(req(`/api/ping/${token}/fail`, { method: "POST", body: "disk full" }), { params: Promise.resolve({ token, signal: "fail" }) });
    expect(fail.status).toBe(200);
    const events = await db.recoveryEvent.findMany({ where: { serviceId: service.id }, orderBy: { finishedAt: "asc" } });
    expect(events.map((e) => [e.status, e.sizeBytes, e.location, e.logExcerpt, e.startedAt !== null])).toEqual([
      ["success", 2048n, "s3://b/main.db", null, true],
      ["failed", null, null, "disk full", false],
    ]);

    const before = await writeCounts();
    const wrongToken = `pfp_${"A".repeat(43)}`;
    for (const [fn, t, params] of [
      [pingPost, wrongToken, { token: wrongToken }],
      [pingPost, "not-a-token", { token: "not-a-token" }],
      [pingSignal, wrongToken, { token: wrongToken, signal: "start" }],
      [pingSignal, token, { token, signal: "explode" }],
    ] as const) {
      const res = await (fn as typeof pingSignal)(req(`/api/ping/${t}`, { method: "POST", body: "x" }), { params: Promise.resolve(params as { token: string; signal: string }) });
      expect([res.status, await res.text()]).toEqual([404, "Not found\n"]);
    }
    expect(await writeCounts()).toEqual(before);
  });

  it("HEAD (link unfurlers, curl -I) records nothing and answers 405 with Allow; GET and POST still record", async () => {
    const { editor, service } = await readyService();
    const { pingUrl } = await createBackupMonitor(editor, service.slug, { component: "Uploads" }, ctx);
    const token = tokenOf(pingUrl);
    const before = await writeCounts();
    // Next answers HEAD with the route's HEAD export when it has one (without it, Next runs GET).
    for (const res of [pingHead(), signalHead()]) {
      expect([res.status, res.headers.get("allow"), await res.text()]).toEqual([405, "GET, POST", ""]);
    }
    expect(await writeCounts()).toEqual(before);
    expect(await db.recoveryEvent.count({ where: { serviceId: service.id } })).toBe(0);

    const get = await pingGet(req(`/api/ping/${token}`), { params: Promise.resolve({ token }) });
    const post = await pingPost(req(`/api/ping/${token}`, { method: "POST", body: "done" }), { params: Promise.resolve({ token }) });
    const fail = await signalGet(req(`/api/ping/${token}/fail`), { params: Promise.resolve({ token, signal: "fail" }) });
    expect([get.status, post.status, fail.status]).toEqual([200, 200, 200]);
    expect(await db.recoveryEvent.count({ where: { serviceId: service.id } })).toBe(3);
  });

  it("an oversized body is cut to 10 KiB, not refused", async () => {
    const { editor, service } = await readyService();
    const { pingUrl } = await createBackupMonitor(editor, service.slug, { component: "Database" }, ctx);
    const token = tokenOf(pingUrl);
    const body = "0123456789abcdef".repeat(200 * 1024 / 16) + "TAIL"; // 200 KiB
    const res = await pingPost(req(`/api/ping/${token}`, { method: "POST", body }), { params: Promise.resolve({ token }) });
    expect(res.status).toBe(200);
    const [e] = await db.recoveryEvent.findMany({ where: { serviceId: service.id } });
    expect(e!.logExcerpt!.endsWith(CUT_MARKER)).toBe(true);
    expect(e!.logExcerpt!.slice(0, -CUT_MARKER.length)).toBe(body.slice(0, PING_BODY_MAX_BYTES));
    expect(e!.logExcerpt).not.toContain("TAIL");
  });

  it("rate-limits a monitor's token (429) without recording more backups", async () => {
    const { editor, service } = await readyService();
    const { pingUrl } = await createBackupMonitor(editor, service.slug, { component: "Database" }, ctx);
    const results = [];
    for (let i = 0; i < 32; i++) results.push(await recordPing(tokenOf(pingUrl), "success", { excerpt: null }));
    expect(results.filter((r) => r === "rate-limited")).toHaveLength(2);
    expect(await db.recoveryEvent.count({ where: { serviceId: service.id } })).toBe(30);
  });
});

describe("restore drills", () => {
  it("a drill slower than the RTO shows missed and blocks readiness; a newer successful drill within the RTO clears it", async () => {
    const { editor, service } = await readyService();
    await upsertRtoTarget(editor, service.slug, { component: "Database", rtoSeconds: 15 * 60, rpoSeconds: 24 * 3600 }, ctx);
    // No drill yet: "never" blocks as drill-overdue.
    expect((await serviceReadiness(service.id)).blockers.map((b) => b.kind)).toEqual(["drill-overdue"]);

    const now = Date.now();
    const slow = await recordRecoveryEvent(editor, service.slug, {
      kind: "drill",
      component: "Database",
      status: "success",
      startedAt: new Date(now - 3 * 3600_000).toISOString(),
      durationSeconds: 22 * 60,
      restoredToAt: new Date(now - 10 * 3600_000).toISOString(),
      notes: "Restore of last night's dump took longer than planned.",
    }, ctx);
    let [target] = (await recoveryOverview(service.id, { revealPingUrls: false })).targets;
    expect([target!.drill.status, target!.drill.achievedRtoSeconds, target!.drill.achievedRpoSeconds]).toEqual(["missed", 22 * 60, 7 * 3600]);
    let r = await serviceReadiness(service.id);
    expect(r.ready).toBe(false);
    expect(r.blockers).toEqual([{ kind: "drill-missed", message: "Recovery drill for Database missed its recovery time objective" }]);

    await recordRecoveryEvent(editor, service.slug, {
      kind: "drill",
      component: "Database",
      status: "success",
      startedAt: new Date(now - 3600_000).toISOString(),
      finishedAt: new Date(now - 3600_000 + 11 * 60_000).toISOString(),
    }, ctx);
    [target] = (await recoveryOverview(service.id, { revealPingUrls: false })).targets;
    expect([target!.drill.status, target!.drill.achievedRtoSeconds]).toEqual(["met", 11 * 60]);
    r = await serviceReadiness(service.id);
    expect([r.ready, r.blockers]).toEqual([true, []]);

    // 90 days later with no new drill: overdue (controlled clock).
    const later = new Date(now + 91 * 86_400_000);
    expect((await serviceReadiness(service.id, later)).blockers.map((b) => b.kind)).toEqual(["drill-overdue"]);
    expect(slow.id).toBeTruthy();
  });

  it("the log is append-only: the database refuses UPDATE and DELETE; a correction replaces an entry's effect", async () => {
    const { editor, service } = await readyService();
    await upsertRtoTarget(editor, service.slug, { component: "API", rtoSeconds: 300 }, ctx);
    const start = new Date(Date.now() - 3600_000).toISOString();
    const typo = await recordRecoveryEvent(editor, service.slug, { kind: "drill", component: "API", status: "success", startedAt: start, durationSeconds: 3000 }, ctx);
    expect((await recoveryOverview(service.id, { revealPingUrls: false })).targets[0]!.drill.status).toBe("missed");

    await expect(db.recoveryEvent.update({ where: { id: typo.id }, data: { notes: "edited" } })).rejects.toThrow(/append-only/);
    await expect(db.recoveryEvent.delete({ where: { id: typo.id } })).rejects.toThrow(/append-only/);
    await expect(db.$executeRaw`UPDATE "RecoveryEvent" SET status = 'failed' WHERE id = ${typo.id}`).rejects.toThrow(/append-only/);

    await recordRecoveryEvent(editor, service.slug, { kind: "drill", component: "API", status: "success", startedAt: start, durationSeconds: 240, correctsId: typo.id, notes: "Typo: 4 minutes, not 50." }, ctx);
    expect((await recoveryOverview(service.id, { revealPingUrls: false })).targets[0]!.drill.status).toBe("met");
    expect(await db.recoveryEvent.count({ where: { serviceId: service.id } })).toBe(2);

    // A correction must point into the same service's log.
    const other = await readyService();
    await expect(
      recordRecoveryEvent(other.editor, other.service.slug, { kind: "drill", component: "API", status: "success", startedAt: start, durationSeconds: 60, correctsId: typo.id }, ctx),
    ).rejects.toMatchObject({ code: "unprocessable", issues: [{ path: "correctsId", message: `This service's log has no entry with the id "${typo.id}" to correct.` }] });

    // Deleting the service still takes its log with it.
    await db.service.delete({ where: { id: service.id } });
    expect(await db.recoveryEvent.count({ where: { serviceId: service.id } })).toBe(0);
  });

  it("a drill logged with its end and its duration is stored with its start (end − duration)", async () => {
    const { editor, service } = await readyService();
    await upsertRtoTarget(editor, service.slug, { component: "Redis", rtoSeconds: 120 }, ctx);
    const now = new Date("2026-11-26T15:00:00.000Z");
    const event = await recordRecoveryEvent(editor, service.slug, { kind: "drill", component: "Redis", status: "success", finishedAt: "2026-11-26T14:30:00.000Z", durationSeconds: 90 }, ctx, now);
    const stored = await db.recoveryEvent.findUniqueOrThrow({ where: { id: event.id } });
    expect([stored.startedAt?.toISOString(), stored.finishedAt?.toISOString()]).toEqual(["2026-11-26T14:28:30.000Z", "2026-11-26T14:30:00.000Z"]);
    const [target] = (await recoveryOverview(service.id, { now, revealPingUrls: false })).targets;
    expect([target!.drill.status, target!.drill.achievedRtoSeconds]).toEqual(["met", 90]);
    // A duration alone ends now; an end alone is still not enough for a drill.
    const alone = await recordRecoveryEvent(editor, service.slug, { kind: "drill", component: "Redis", status: "success", durationSeconds: 60 }, ctx, now);
    expect((await db.recoveryEvent.findUniqueOrThrow({ where: { id: alone.id } })).startedAt?.toISOString()).toBe("2026-11-26T14:59:00.000Z");
    await expect(recordRecoveryEvent(editor, service.slug, { kind: "drill", component: "Redis", status: "success", finishedAt: "2026-11-26T14:30:00.000Z" }, ctx, now)).rejects.toThrow(
      "A drill needs its duration, or its start and its end, to compare with the RTO.",
    );
    // The inferred start is checked against the data point restored to, like a start given.
    await expect(
      recordRecoveryEvent(editor, service.slug, { kind: "drill", component: "Redis", status: "success", finishedAt: "2026-11-26T14:30:00.000Z", durationSeconds: 600, restoredToAt: "2026-11-26T14:25:00.000Z" }, ctx, now),
    ).rejects.toMatchObject({ code: "unprocessable", issues: [{ path: "restoredToAt" }] });
  });

  it("refuses drills ending in the future, and viewers and reviewers may not write", async () => {
    const { team, editor, service } = await readyService();
    await expect(
      recordRecoveryEvent(editor, service.slug, { kind: "drill", component: "API", status: "success", startedAt: new Date().toISOString(), durationSeconds: 3600 }, ctx),
    ).rejects.toMatchObject({ code: "unprocessable", issues: [{ path: "durationSeconds", message: "The end is in the future." }] });
    for (const role of ["viewer", "reviewer"] as const) {
      const actor = await makeMember(team.id, role);
      await expect(recordRecoveryEvent(actor, service.slug, { kind: "backup", component: "DB", status: "success" }, ctx)).rejects.toMatchObject({ code: "forbidden" });
      await expect(upsertRtoTarget(actor, service.slug, { component: "DB", rtoSeconds: 60 }, ctx)).rejects.toMatchObject({ code: "forbidden" });
      await expect(createBackupMonitor(actor, service.slug, { component: "DB" }, ctx)).rejects.toMatchObject({ code: "forbidden" });
    }
    expect(await db.recoveryEvent.count({ where: { serviceId: service.id } })).toBe(0);
  });
});

describe("replacing ping URLs and removing monitors and targets", () => {
  it("a replaced ping URL stops working; removing a monitor or target clears its blocker and keeps the log", async () => {
    const { team, editor, service } = await readyService();
    const { pingUrl } = await createBackupMonitor(editor, service.slug, { component: "Database" }, ctx);
    await upsertRtoTarget(editor, service.slug, { component: "Database", rtoSeconds: 900 }, ctx);
    expect(await recordPing(tokenOf(pingUrl), "fail", { excerpt: null })).toBe("ok");
    const { pingUrl: fresh } = await rotatePingToken(editor, service.slug, "Database", ctx);
    expect(await recordPing(tokenOf(pingUrl), "success", { excerpt: null })).toBe("not-found");
    expect(await recordPing(tokenOf(fresh), "fail", { excerpt: null })).toBe("ok");
    expect((await serviceReadiness(service.id)).blockers.map((b) => b.kind)).toEqual(["backup-overdue", "drill-overdue"]);

    const viewer = await makeMember(team.id, "viewer");
    await expect(deleteBackupMonitor(viewer, service.slug, "Database", ctx)).rejects.toMatchObject({ code: "forbidden" });
    await deleteBackupMonitor(editor, service.slug, "Database", ctx);
    await deleteRtoTarget(editor, service.slug, "Database", ctx);
    expect((await serviceReadiness(service.id)).ready).toBe(true);
    expect(await db.recoveryEvent.count({ where: { serviceId: service.id } })).toBe(2);
    expect(await recordPing(tokenOf(fresh), "success", { excerpt: null })).toBe("not-found");
    expect(await db.auditEvent.count({ where: { serviceId: service.id, action: { in: ["recovery.monitor.rotate", "recovery.monitor.delete", "recovery.target.delete"] } } })).toBe(3);
  });
});

describe("the RecoveryLatest summary kept by the database trigger", () => {
  it("agrees with a full scan of the log, corrections across components included", async () => {
    const { editor, service } = await readyService();
    const ids: string[] = [];
    const base = Date.now() - 30 * 86_400_000;
    let seed = 7;
    const rand = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    for (let i = 0; i < 40; i++) {
      const kind = rand() < 0.5 ? "drill" : "backup";
      const startedAt = new Date(base + Math.floor(rand() * 29 * 86_400_000));
      const corrects = ids.length && rand() < 0.25 ? ids[Math.floor(rand() * ids.length)] : undefined;
      const e = await recordRecoveryEvent(editor, service.slug, {
        kind,
        component: rand() < 0.5 ? "A" : "B",
        status: rand() < 0.3 ? "failed" : "success",
        startedAt: startedAt.toISOString(),
        durationSeconds: 60 + Math.floor(rand() * 600),
        ...(corrects ? { correctsId: corrects } : {}),
      }, ctx);
      ids.push(e.id);
    }
    const all = await db.recoveryEvent.findMany({ where: { serviceId: service.id } });
    const corrected = new Set(all.map((e) => e.correctsId).filter(Boolean));
    const summary = await db.recoveryLatest.findMany({ where: { serviceId: service.id } });
    let compared = 0;
    for (const component of ["A", "B"]) {
      for (const kind of ["drill", "backup"] as const) {
        const effective = all.filter((e) => e.component === component && e.kind === kind && !corrected.has(e.id)).sort((a, b) => b.finishedAt!.getTime() - a.finishedAt!.getTime());
        const row = summary.find((r) => r.component === component && r.kind === kind);
        expect([component, kind, row?.lastId ?? null, row?.okId ?? null]).toEqual([component, kind, effective[0]?.id ?? null, effective.find((e) => e.status === "success")?.id ?? null]);
        compared += 1;
      }
    }
    expect(compared).toBe(4);
    expect(corrected.size).toBeGreaterThan(3);
  });

  it("concurrent pings for one monitor leave the newest backup as the latest", async () => {
    const { editor, service } = await readyService();
    const { pingUrl } = await createBackupMonitor(editor, service.slug, { component: "Database" }, ctx);
    const t0 = Date.now() - 3600_000;
    const order = [5, 2, 9, 0, 7, 3, 8, 1, 6, 4];
    await Promise.all(order.map((i) => recordPing(tokenOf(pingUrl), i === 9 ? "fail" : "success", { excerpt: null }, new Date(t0 + i * MIN))));
    const row = await db.recoveryLatest.findUniqueOrThrow({ where: { serviceId_component_kind: { serviceId: service.id, component: "Database", kind: "backup" } } });
    expect([row.lastStatus, row.lastFinishedAt?.getTime(), row.okFinishedAt?.getTime()]).toEqual(["failed", t0 + 9 * MIN, t0 + 8 * MIN]);
  });
});
