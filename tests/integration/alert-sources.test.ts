/**
 * Alert events written by the state changes that cause them: threshold evaluation, the recovery log
 * (ping URLs, the UI/API, corrections) and reviews. Each change makes its event once, in its own
 * transaction: not when nothing changed, once when two writers race, and not at all when the write
 * fails and rolls back.
 */
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { recordPing } from "@/lib/recovery/ping";
import { createBackupMonitor, recordRecoveryEvent, upsertRtoTarget } from "@/lib/recovery/write";
import { decideReview, requestReview } from "@/lib/reviews/reviews";
import { CRYPTOPULSE_THRESHOLDS } from "@/lib/thresholds/defaults";
import { insertSamples, refreshThresholds } from "@/lib/thresholds/store";
import { makeMember, makeTeam } from "../helpers/actors";
import { failInsertsInto } from "../helpers/failing-writes";

const ctx = { ip: "198.51.100.7" };
const MIN = 60_000;

async function setup() {
  const team = await makeTeam();
  const [editor, reviewer] = await Promise.all([makeMember(team.id, "editor"), makeMember(team.id, "reviewer")]);
  const service = await db.service.create({ data: { teamId: team.id, slug: `svc-${team.slug}`, name: "CryptoPulse" } });
  return { team, editor, reviewer, service };
}

const eventsOf = (serviceId: string, type?: string) => db.alertEvent.findMany({ where: { serviceId, ...(type ? { type } : {}) } });
/** The types of a service's events, sorted (two events may share a millisecond, so no order by time). */
const typesOf = async (serviceId: string) => (await eventsOf(serviceId)).map((e) => e.type).sort();

describe("threshold events", () => {
  const memory = CRYPTOPULSE_THRESHOLDS.find((t) => t.metric === "memory_percent")!; // > 85 %, no sustain

  async function withThreshold() {
    const s = await setup();
    const threshold = await db.metricThreshold.create({ data: { ...memory, serviceId: s.service.id } });
    const sample = (value: number, at: Date) => insertSamples(s.service.id, "push", [{ metric: "memory_percent", value, at, known: true }]);
    const evaluate = (now: Date) => refreshThresholds({ serviceIds: [s.service.id] }, now);
    return { ...s, threshold, sample, evaluate };
  }

  it("breached once when the state turns breached, cleared once when it turns ok; nothing while it stays", async () => {
    const { service, threshold, sample, evaluate } = await withThreshold();
    const t0 = new Date(Date.now() - 30 * MIN);
    await sample(50, t0);
    await evaluate(t0);
    expect(await eventsOf(service.id)).toEqual([]); // no-data → ok is no alert

    const t1 = new Date(t0.getTime() + MIN);
    await sample(95, t1);
    await evaluate(t1);
    await evaluate(new Date(t1.getTime() + 10_000)); // still breached: nothing new
    const [breached] = await eventsOf(service.id);
    expect(await typesOf(service.id)).toEqual(["threshold.breached"]);
    expect(breached).toMatchObject({ dedupeKey: `threshold.breached:${threshold.id}:${t1.toISOString()}`, teamId: service.teamId, occurredAt: t1 });
    expect(breached!.details).toMatchObject({ thresholdId: threshold.id, metric: "memory_percent", comparator: "gt", limit: 85, value: 95, since: t1.toISOString(), severity: "high" });

    const t2 = new Date(t1.getTime() + 5 * MIN);
    await sample(40, t2);
    await evaluate(t2);
    await evaluate(new Date(t2.getTime() + 10_000));
    expect(await typesOf(service.id)).toEqual(["threshold.breached", "threshold.cleared"]);
    const cleared = (await eventsOf(service.id, "threshold.cleared"))[0]!;
    expect(cleared.dedupeKey).toBe(`threshold.cleared:${threshold.id}:${t1.toISOString()}`);
    expect(cleared.details).toMatchObject({ value: 40, since: t1.toISOString(), durationSeconds: 300 });
  });

  it("two evaluations at once (the round and a page render) write one event per change", async () => {
    const { service, threshold, sample, evaluate } = await withThreshold();
    const t0 = new Date(Date.now() - 30 * MIN);
    await sample(50, t0);
    await evaluate(t0);
    const t1 = new Date(t0.getTime() + MIN);
    await sample(97, t1);
    await Promise.all([evaluate(t1), refreshThresholds({ ids: [threshold.id] }, new Date(t1.getTime() + 1000)), evaluate(new Date(t1.getTime() + 2000))]);
    expect(await typesOf(service.id)).toEqual(["threshold.breached"]);
    const t2 = new Date(t1.getTime() + MIN);
    await sample(20, t2);
    await Promise.all([evaluate(t2), evaluate(new Date(t2.getTime() + 1000))]);
    expect(await typesOf(service.id)).toEqual(["threshold.breached", "threshold.cleared"]);
  });

  it("a gap in the samples neither clears nor re-announces a breach: breached → no-data → breached adds nothing, → ok clears it once", async () => {
    const { service, threshold, sample, evaluate } = await withThreshold();
    const t0 = new Date(Date.now() - 120 * MIN);
    await sample(50, t0);
    await evaluate(t0);
    const t1 = new Date(t0.getTime() + MIN);
    await sample(95, t1);
    await evaluate(t1);
    const gap = new Date(t1.getTime() + 20 * MIN); // no sample for longer than NO_DATA_AFTER_SECONDS
    await evaluate(gap);
    expect(await db.metricThreshold.findUniqueOrThrow({ where: { id: threshold.id } })).toMatchObject({ status: "no_data", alertedBreachSince: t1 });
    const t2 = new Date(gap.getTime() + MIN);
    await sample(96, t2);
    await evaluate(t2);
    expect(await typesOf(service.id)).toEqual(["threshold.breached"]);
    await evaluate(new Date(t2.getTime() + 20 * MIN));
    const t3 = new Date(t2.getTime() + 21 * MIN);
    await sample(40, t3);
    await evaluate(t3);
    expect(await typesOf(service.id)).toEqual(["threshold.breached", "threshold.cleared"]);
    const cleared = (await eventsOf(service.id, "threshold.cleared"))[0]!;
    expect(cleared.dedupeKey).toBe(`threshold.cleared:${threshold.id}:${t1.toISOString()}`);
    expect(cleared.details).toMatchObject({ since: t1.toISOString(), durationSeconds: (t3.getTime() - t1.getTime()) / 1000 });
    expect(await db.metricThreshold.findUniqueOrThrow({ where: { id: threshold.id } })).toMatchObject({ status: "ok", alertedBreachSince: null });
  });

  it("an evaluation older than the stored one (it waited for the lock) stores nothing and answers the newer state", async () => {
    const { service, threshold, sample, evaluate } = await withThreshold();
    const t0 = new Date(Date.now() - 30 * MIN);
    await sample(50, t0);
    const t1 = new Date(t0.getTime() + MIN);
    await sample(95, t1);
    await evaluate(t1);
    const [late] = await evaluate(t0); // at t0 the value was 50: ok, but the breach stored at t1 is newer
    expect(late).toMatchObject({ id: threshold.id, status: "breached", value: 95, evaluatedAt: t1 });
    expect(await db.metricThreshold.findUniqueOrThrow({ where: { id: threshold.id } })).toMatchObject({ status: "breached", evaluatedAt: t1 });
    expect(await typesOf(service.id)).toEqual(["threshold.breached"]);
  });

  it("an evaluation that fails stores no state and writes no event; the next one raises it", async () => {
    const { service, threshold, sample, evaluate } = await withThreshold();
    const t0 = new Date(Date.now() - 30 * MIN);
    await sample(50, t0);
    await evaluate(t0);
    const t1 = new Date(t0.getTime() + MIN);
    await sample(99, t1);
    const failing = await failInsertsInto("AlertEvent", service.id);
    await expect(evaluate(t1)).rejects.toThrow(/simulated failure/);
    await failing.restore();
    expect(await db.metricThreshold.findUniqueOrThrow({ where: { id: threshold.id } })).toMatchObject({ status: "ok", value: 50 });
    expect(await eventsOf(service.id)).toEqual([]);
    await evaluate(t1);
    expect(await typesOf(service.id)).toEqual(["threshold.breached"]);
  });
});

describe("recovery events", () => {
  const tokenOf = (pingUrl: string) => new URL(pingUrl).pathname.split("/")[3]!;

  it("ping URLs: a failed backup raises backup.failed (once while failing), the next success backup.recovered, further successes nothing", async () => {
    const { editor, service } = await setup();
    const { pingUrl } = await createBackupMonitor(editor, service.slug, { component: "Database", intervalSeconds: 86_400, graceSeconds: 3600 }, ctx);
    const token = tokenOf(pingUrl);
    const t0 = new Date();
    expect(await recordPing(token, "success", { excerpt: null }, t0)).toBe("ok");
    expect(await eventsOf(service.id)).toEqual([]);

    const t1 = new Date(t0.getTime() + MIN);
    await recordPing(token, "fail", { excerpt: "pg_dump: connection refused" }, t1);
    const failedEntry = await db.recoveryEvent.findFirstOrThrow({ where: { serviceId: service.id, status: "failed" } });
    const [failed] = await eventsOf(service.id);
    expect(failed).toMatchObject({ type: "backup.failed", dedupeKey: `backup.failed:${failedEntry.id}` });
    expect(failed!.details).toEqual({ component: "Database", recoveryEventId: failedEntry.id, at: t1.toISOString(), notes: null });
    // still failing: a second failure is the same state
    await recordPing(token, "fail", { excerpt: "pg_dump: connection refused" }, new Date(t1.getTime() + 30_000));
    expect(await typesOf(service.id)).toEqual(["backup.failed"]);

    // two successes at once after the failure (a ping and one logged by hand): one recovery
    const t2 = new Date(t1.getTime() + MIN);
    await Promise.all([
      recordPing(token, "success", { excerpt: null }, t2),
      recordRecoveryEvent(editor, service.slug, { kind: "backup", component: "Database", status: "success", finishedAt: t2.toISOString() }, ctx, t2),
    ]);
    await recordPing(token, "success", { excerpt: null }, new Date(t2.getTime() + MIN));
    expect(await typesOf(service.id)).toEqual(["backup.failed", "backup.recovered"]);
    const recovered = (await eventsOf(service.id, "backup.recovered"))[0]!;
    expect(recovered.details).toMatchObject({ component: "Database" });
    expect(await db.recoveryEvent.findUnique({ where: { id: (recovered.details as { recoveryEventId: string }).recoveryEventId } })).toMatchObject({ status: "success" });
  });

  it("two failures at once (a ping and one logged by hand) raise one backup.failed", async () => {
    const { editor, service } = await setup();
    const { pingUrl } = await createBackupMonitor(editor, service.slug, { component: "Database" }, ctx);
    const t0 = new Date();
    await recordPing(tokenOf(pingUrl), "success", { excerpt: null }, t0);
    const t1 = new Date(t0.getTime() + MIN);
    await Promise.all([
      recordPing(tokenOf(pingUrl), "fail", { excerpt: null }, t1),
      recordRecoveryEvent(editor, service.slug, { kind: "backup", component: "Database", status: "failed", finishedAt: t1.toISOString() }, ctx, t1),
    ]);
    expect(await db.recoveryEvent.count({ where: { serviceId: service.id, status: "failed" } })).toBe(2);
    expect(await typesOf(service.id)).toEqual(["backup.failed"]);
  });

  it("a success after an overdue state is a recovery; a backup logged behind a newer one raises nothing", async () => {
    const { editor, service } = await setup();
    await createBackupMonitor(editor, service.slug, { component: "Files", intervalSeconds: 3600, graceSeconds: 600 }, ctx);
    const now = new Date();
    // the monitor is new: a first backup is not a recovery
    await recordRecoveryEvent(editor, service.slug, { kind: "backup", component: "Files", status: "success", finishedAt: new Date(now.getTime() - 3 * 3600_000).toISOString() }, ctx, now);
    // the newest success is three hours old: overdue, so the next success recovers it
    await recordRecoveryEvent(editor, service.slug, { kind: "backup", component: "Files", status: "success" }, ctx, now);
    expect(await typesOf(service.id)).toEqual(["backup.recovered"]);
    // an old failure filled in afterwards is history, not news
    await recordRecoveryEvent(editor, service.slug, { kind: "backup", component: "Files", status: "failed", finishedAt: new Date(now.getTime() - 5 * 3600_000).toISOString() }, ctx, now);
    expect(await typesOf(service.id)).toEqual(["backup.recovered"]);
  });

  it("corrections: a success correcting the failure recovers; a failure correcting a failure raises nothing new", async () => {
    const { editor, service } = await setup();
    const now = new Date();
    const at = (m: number) => new Date(now.getTime() - m * MIN).toISOString();
    await recordRecoveryEvent(editor, service.slug, { kind: "backup", component: "Database", status: "success", finishedAt: at(60) }, ctx, now);
    const failed = await recordRecoveryEvent(editor, service.slug, { kind: "backup", component: "Database", status: "failed", finishedAt: at(30), notes: "disk full" }, ctx, now);
    expect((await eventsOf(service.id, "backup.failed"))[0]!.details).toMatchObject({ recoveryEventId: failed.id, notes: "disk full" });

    const again = await recordRecoveryEvent(editor, service.slug, { kind: "backup", component: "Database", status: "failed", finishedAt: at(30), notes: "disk full on /var", correctsId: failed.id }, ctx, now);
    expect(await typesOf(service.id)).toEqual(["backup.failed"]);

    // it was in fact a success (logged wrong): the component recovers
    const fixed = await recordRecoveryEvent(editor, service.slug, { kind: "backup", component: "Database", status: "success", finishedAt: at(30), correctsId: again.id }, ctx, now);
    expect(await typesOf(service.id)).toEqual(["backup.failed", "backup.recovered"]);
    expect((await eventsOf(service.id, "backup.recovered"))[0]!.details).toMatchObject({ recoveryEventId: fixed.id });

    // and a success later found to have failed is a failure
    const wrong = await recordRecoveryEvent(editor, service.slug, { kind: "backup", component: "Database", status: "failed", finishedAt: at(30), correctsId: fixed.id }, ctx, now);
    expect(await typesOf(service.id)).toEqual(["backup.failed", "backup.failed", "backup.recovered"]);
    expect((await eventsOf(service.id, "backup.failed")).map((e) => e.dedupeKey).sort()).toEqual([`backup.failed:${failed.id}`, `backup.failed:${wrong.id}`].sort());
  });

  it("a drill over the RTO raises drill.missed once; one within it, or a correction that is still over it, nothing", async () => {
    const { editor, service } = await setup();
    const { target } = await upsertRtoTarget(editor, service.slug, { component: "Database", rtoSeconds: 3600 }, ctx);
    const now = new Date();
    const drill = (startMin: number, minutes: number, correctsId?: string) =>
      recordRecoveryEvent(editor, service.slug, { kind: "drill", component: "Database", status: "success", startedAt: new Date(now.getTime() - startMin * MIN).toISOString(), durationSeconds: minutes * 60, ...(correctsId ? { correctsId } : {}) }, ctx, now);
    await drill(300, 30);
    expect(await eventsOf(service.id)).toEqual([]);
    const slow = await drill(200, 90);
    const [missed] = await eventsOf(service.id);
    expect(missed).toMatchObject({ type: "drill.missed", dedupeKey: `drill.missed:${slow.id}` });
    expect(missed!.details).toEqual({ rtoTargetId: target.id, component: "Database", rtoSeconds: 3600, achievedSeconds: 5400, recoveryEventId: slow.id });
    await drill(200, 80, slow.id); // corrected, still over: already reported
    expect(await typesOf(service.id)).toEqual(["drill.missed"]);
    // no RTO target, no RTO to miss
    await recordRecoveryEvent(editor, service.slug, { kind: "drill", component: "Cache", status: "success", startedAt: new Date(now.getTime() - 100 * MIN).toISOString(), durationSeconds: 99 * 60 }, ctx, now);
    expect(await typesOf(service.id)).toEqual(["drill.missed"]);
  });

  it("a recovery write that fails keeps neither the entry nor its event; the state it would have changed stays", async () => {
    const { editor, service } = await setup();
    const { pingUrl } = await createBackupMonitor(editor, service.slug, { component: "Database" }, ctx);
    await recordPing(tokenOf(pingUrl), "fail", { excerpt: null });
    expect(await typesOf(service.id)).toEqual(["backup.failed"]);
    const failing = await failInsertsInto("AuditEvent", service.id);
    await expect(recordRecoveryEvent(editor, service.slug, { kind: "backup", component: "Database", status: "success" }, ctx)).rejects.toThrow(/simulated failure/);
    await expect(recordPing(tokenOf(pingUrl), "success", { excerpt: null })).rejects.toThrow(/simulated failure/);
    await failing.restore();
    expect(await db.recoveryEvent.count({ where: { serviceId: service.id } })).toBe(1);
    expect(await db.recoveryLatest.findFirstOrThrow({ where: { serviceId: service.id } })).toMatchObject({ lastStatus: "failed" });
    expect(await typesOf(service.id)).toEqual(["backup.failed"]);
    await recordPing(tokenOf(pingUrl), "success", { excerpt: null });
    expect(await typesOf(service.id)).toEqual(["backup.failed", "backup.recovered"]);
  });
});

describe("review events", () => {
  it("a request and its decision raise one event each, in their transactions", async () => {
    const { editor, reviewer, service } = await setup();
    // two requests at once: one review, one event
    const asked = await Promise.allSettled([requestReview(editor, service.slug, ctx), requestReview(editor, service.slug, ctx)]);
    const review = asked.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
    expect(review).toHaveLength(1);
    const [requested] = await eventsOf(service.id);
    expect(requested).toMatchObject({ type: "review.requested", dedupeKey: `review.requested:${review[0]!.id}` });
    expect(requested!.details).toEqual({ reviewId: review[0]!.id, requestedBy: editor.email, reviewer: null });

    const decide = () => decideReview(reviewer, service.slug, review[0]!.id, { decision: "request-changes", comment: "Add a runbook." }, ctx);
    const decided = await Promise.allSettled([decide(), decide()]);
    expect(decided.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await typesOf(service.id)).toEqual(["review.decided", "review.requested"]);
    expect((await eventsOf(service.id, "review.decided"))[0]!.details).toMatchObject({ reviewId: review[0]!.id, decision: "changes_requested", decidedBy: reviewer.email, comment: "Add a runbook." });
  });

  it("a review write that fails writes no event", async () => {
    const { editor, service } = await setup();
    const failing = await failInsertsInto("AuditEvent", service.id);
    await expect(requestReview(editor, service.slug, ctx)).rejects.toThrow(/simulated failure/);
    await failing.restore();
    expect(await db.review.count({ where: { serviceId: service.id } })).toBe(0);
    expect(await eventsOf(service.id)).toEqual([]);
  });
});
