import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { applyTemplates } from "@/lib/checklists/apply";
import { bulkUpdateSchema, updateChecklistItem, updateChecklistItems, updateItemSchema } from "@/lib/checklists/items";
import { ApiError } from "@/lib/http/errors";
import { computeReadiness, readinessFromAggregate } from "@/lib/readiness/compute";
import { EMPTY_AGGREGATE, readinessAggregates } from "@/lib/readiness/aggregate";
import { timedFactsOf } from "@/lib/readiness/item-status";
import { makeMember, makeTeam } from "../helpers/actors";

const ctx = { ip: "198.51.100.1" };

async function serviceWithChecklist(template = "cryptopulse") {
  const team = await makeTeam();
  const service = await db.service.create({ data: { teamId: team.id, slug: `svc-${team.slug}`, name: "Svc" } });
  await db.$transaction((tx) => applyTemplates(service.id, [template], tx));
  return { team, service };
}

describe("checklist updates", () => {
  it("a second write with a stale version gets 409 with the current item, and overwrites nothing", async () => {
    const { team, service } = await serviceWithChecklist();
    const alice = await makeMember(team.id, "editor");
    const bob = await makeMember(team.id, "editor");
    const item = (await db.serviceChecklistItem.findFirstOrThrow({ where: { serviceId: service.id } }));

    const first = await updateChecklistItem(alice, service.slug, item.key, { state: "done", note: "alice", version: item.version }, ctx);
    expect(first.version).toBe(item.version + 1);
    const stale = updateChecklistItem(bob, service.slug, item.key, { state: "na", reason: "not for us", version: item.version }, ctx);
    await expect(stale).rejects.toMatchObject({ code: "conflict", details: { current: { state: "done", note: "alice", version: item.version + 1 } } });

    const now = await db.serviceChecklistItem.findUniqueOrThrow({ where: { id: item.id } });
    expect([now.state, now.note, now.updatedById, now.version]).toEqual(["done", "alice", alice.userId, item.version + 1]);
    // The write returns the stored row, every column with its type.
    const { updatedBy, waiverRequestedBy, waiverDecidedBy, ...returned } = first;
    expect([waiverRequestedBy, waiverDecidedBy]).toEqual([null, null]);
    expect(returned).toEqual(now);
    expect(updatedBy).toEqual({ email: alice.email, name: alice.name });
    const audits = await db.auditEvent.findMany({ where: { serviceId: service.id, action: "checklist.update" } });
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      teamId: team.id,
      actorUserId: alice.userId,
      actorEmail: alice.email,
      targetId: `${service.slug}/${item.key}`,
      before: { state: item.state, note: item.note, naReason: item.naReason, evidenceUrl: item.evidenceUrl, version: item.version },
      after: { state: "done", note: "alice", naReason: null, evidenceUrl: null, version: item.version + 1 },
    });
  });

  it("fifty concurrent writes to different items all land, each exactly once, each audited", async () => {
    // the baseline: one guide alone has fewer than fifty practices since its duplicates merge (decision 0022)
    const { team, service } = await serviceWithChecklist("baseline");
    const editor = await makeMember(team.id, "editor");
    const items = await db.serviceChecklistItem.findMany({ where: { serviceId: service.id }, take: 50, orderBy: { position: "asc" } });
    expect(items).toHaveLength(50);
    const results = await Promise.allSettled(
      items.map((i) => updateChecklistItem(editor, service.slug, i.key, { state: i.state === "done" ? "open" : "done", version: i.version }, ctx)),
    );
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    const after = await db.serviceChecklistItem.findMany({ where: { id: { in: items.map((i) => i.id) } } });
    for (const i of items) {
      const a = after.find((x) => x.id === i.id)!;
      expect(a.version).toBe(i.version + 1);
      expect(a.state).toBe(i.state === "done" ? "open" : "done");
    }
    const audits = await db.auditEvent.findMany({ where: { serviceId: service.id, action: "checklist.update" } });
    expect(audits).toHaveLength(50);
    expect(new Set(audits.map((a) => a.targetId)).size).toBe(50);
  });

  it("validates input: N/A needs a reason, evidence must be an http(s) URL, version is required", () => {
    const issues = (v: unknown) => {
      const r = updateItemSchema.safeParse(v);
      return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    };
    expect(issues({ state: "na", version: 1 })).toEqual(["reason: Marking an item N/A needs a reason."]);
    expect(issues({ state: "na", reason: "   ", version: 1 })).toEqual(["reason: Marking an item N/A needs a reason."]);
    expect(issues({ state: "done", evidenceUrl: "javascript:alert(1)", version: 1 })[0]).toMatch(/^evidenceUrl/);
    expect(issues({ state: "done" })[0]).toMatch(/^version/);
    expect(issues({ state: "maybe", version: 1 })[0]).toMatch(/^state/);
    expect(issues({ state: "done", version: 1, extra: true })[0]).toMatch(/extra/);
    expect(issues({ state: "done", version: 1, evidenceUrl: "https://ci.example.com/run/1" })).toEqual([]);
  });

  it("reviewers and viewers may not tick; other teams cannot even see the service", async () => {
    const { team, service } = await serviceWithChecklist();
    const reviewer = await makeMember(team.id, "reviewer");
    const stranger = await makeMember((await makeTeam()).id, "owner");
    const item = await db.serviceChecklistItem.findFirstOrThrow({ where: { serviceId: service.id } });
    await expect(updateChecklistItem(reviewer, service.slug, item.key, { state: "done", version: 1 }, ctx)).rejects.toMatchObject({ code: "forbidden" });
    await expect(updateChecklistItem(stranger, service.slug, item.key, { state: "done", version: 1 }, ctx)).rejects.toBeInstanceOf(ApiError);
    await expect(updateChecklistItem(stranger, service.slug, item.key, { state: "done", version: 1 }, ctx)).rejects.toMatchObject({ code: "not_found" });
    expect((await db.serviceChecklistItem.findUniqueOrThrow({ where: { id: item.id } })).state).toBe(item.state);
    expect(await db.auditEvent.count({ where: { serviceId: service.id, action: "checklist.update" } })).toBe(0);
  });

  it("an archived item, an unknown item and an unknown service are 404 and change nothing", async () => {
    const { team, service } = await serviceWithChecklist();
    const editor = await makeMember(team.id, "editor");
    const item = await db.serviceChecklistItem.findFirstOrThrow({ where: { serviceId: service.id } });
    await db.serviceChecklistItem.update({ where: { id: item.id }, data: { archivedAt: new Date() } });
    const write = (slug: string, key: string) => updateChecklistItem(editor, slug, key, { state: "done", version: item.version }, ctx);
    await expect(write(service.slug, item.key)).rejects.toMatchObject({ code: "not_found", message: expect.stringContaining(item.key) });
    await expect(write(service.slug, "no-such-item")).rejects.toMatchObject({ code: "not_found" });
    await expect(write("no-such-service", item.key)).rejects.toMatchObject({ code: "not_found", message: "No such service." });
    expect((await db.serviceChecklistItem.findUniqueOrThrow({ where: { id: item.id } })).version).toBe(item.version);
    expect(await db.auditEvent.count({ where: { serviceId: service.id, action: "checklist.update" } })).toBe(0);
  });
});

describe("bulk checklist writes", () => {
  async function openItems(serviceId: string, n: number) {
    return db.serviceChecklistItem.findMany({ where: { serviceId, state: "open" }, orderBy: { position: "asc" }, take: n });
  }
  const audited = (serviceId: string) => db.auditEvent.findMany({ where: { serviceId, action: "checklist.update" }, orderBy: { id: "asc" } });

  it("marks several items done with one note: each through the versioned write, one audit row each", async () => {
    const { team, service } = await serviceWithChecklist();
    const editor = await makeMember(team.id, "editor");
    const items = await openItems(service.id, 3);
    const written = await updateChecklistItems(editor, service.slug, { items: items.map(({ key, version }) => ({ key, version })), state: "done", note: "Checked in the Q4 review" }, { ...ctx, requestId: "req-bulk" });
    expect(written.map((i) => [i.key, i.state, i.note, i.version])).toEqual(items.map((i) => [i.key, "done", "Checked in the Q4 review", i.version + 1]));
    const audits = await audited(service.id);
    expect(audits.map((a) => a.targetId).sort()).toEqual(items.map((i) => `${service.slug}/${i.key}`).sort());
    for (const a of audits) expect(a).toMatchObject({ actorUserId: editor.userId, requestId: "req-bulk", before: { state: "open" }, after: { state: "done", note: "Checked in the Q4 review" } });
  });

  it("N/A takes the note as the reason and leaves the items' notes alone; done without a note keeps them too", async () => {
    const { team, service } = await serviceWithChecklist();
    const editor = await makeMember(team.id, "editor");
    const [a, b] = await openItems(service.id, 2);
    const noted = await updateChecklistItem(editor, service.slug, a!.key, { state: "open", note: "keep me", version: a!.version }, ctx);
    const [na] = await updateChecklistItems(editor, service.slug, { items: [{ key: a!.key, version: noted.version }], state: "na", note: "No Redis here" }, ctx);
    expect([na!.state, na!.naReason, na!.note]).toEqual(["na", "No Redis here", "keep me"]);
    const [done] = await updateChecklistItems(editor, service.slug, { items: [{ key: a!.key, version: na!.version }, { key: b!.key, version: b!.version }], state: "done" }, ctx);
    expect([done!.state, done!.naReason, done!.note]).toEqual(["done", null, "keep me"]);
  });

  it("is all or nothing: one stale version writes nothing, and the refusal names each item changed, as it is now", async () => {
    const { team, service } = await serviceWithChecklist();
    const alice = await makeMember(team.id, "editor");
    const bob = await makeMember(team.id, "editor");
    const items = await openItems(service.id, 4);
    // Bob changes the second and fourth items after Alice read them.
    for (const i of [items[1]!, items[3]!]) await updateChecklistItem(bob, service.slug, i.key, { state: "na", reason: "bob says no", version: i.version }, ctx);
    const before = await audited(service.id);

    const bulk = updateChecklistItems(alice, service.slug, { items: items.map(({ key, version }) => ({ key, version })), state: "done", note: "all at once" }, ctx);
    const err = (await bulk.catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.code).toBe("conflict");
    expect(err.message).toContain(items[1]!.title);
    expect(err.message).toContain(items[3]!.title);
    expect(err.details).toEqual({
      conflicts: [items[1]!, items[3]!].map((i) => ({ key: i.key, current: expect.objectContaining({ key: i.key, state: "na", naReason: "bob says no", version: i.version + 1 }) })),
    });
    // Nothing of Alice's landed: the items she was first to change are untouched, and no audit row is hers.
    const after = await db.serviceChecklistItem.findMany({ where: { id: { in: items.map((i) => i.id) } } });
    for (const i of [items[0]!, items[2]!]) expect(after.find((x) => x.id === i.id)).toMatchObject({ state: "open", version: i.version, note: i.note });
    expect(await audited(service.id)).toEqual(before);

    // Named again with the versions as they are now, it lands.
    const fresh = new Map(after.map((i) => [i.key, i.version]));
    const written = await updateChecklistItems(alice, service.slug, { items: items.map(({ key }) => ({ key, version: fresh.get(key)! })), state: "done", note: "all at once" }, ctx);
    expect(written.every((i) => i.state === "done")).toBe(true);
    expect(await audited(service.id)).toHaveLength(before.length + 4);
  });

  it("an unknown item, a reviewer or an archived service refuse the whole write", async () => {
    const { team, service } = await serviceWithChecklist();
    const editor = await makeMember(team.id, "editor");
    const reviewer = await makeMember(team.id, "reviewer");
    const [a] = await openItems(service.id, 1);
    const write = (actor = editor, keys = [a!.key, "no-such-item"]) =>
      updateChecklistItems(actor, service.slug, { items: keys.map((key) => ({ key, version: a!.version })), state: "done" }, ctx);
    await expect(write()).rejects.toMatchObject({ code: "not_found", message: expect.stringContaining("no-such-item") });
    await expect(write(reviewer, [a!.key])).rejects.toMatchObject({ code: "forbidden" });
    await db.service.update({ where: { id: service.id }, data: { archivedAt: new Date() } });
    await expect(write(editor, [a!.key])).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("archived") });
    expect(await db.serviceChecklistItem.findUniqueOrThrow({ where: { id: a!.id } })).toMatchObject({ state: "open", version: a!.version });
    expect(await audited(service.id)).toEqual([]);
  });

  it("validates input: at least one item, each once; N/A needs the note as its reason", () => {
    const issues = (v: unknown) => {
      const r = bulkUpdateSchema.safeParse(v);
      return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    };
    expect(issues({ items: [], state: "done" })).toEqual(["items: Choose at least one item."]);
    expect(issues({ items: [{ key: "a", version: 1 }], state: "na", note: "  " })).toEqual(["note: Marking items N/A needs a reason: write it in the note."]);
    expect(issues({ items: [{ key: "a", version: 1 }, { key: "a", version: 2 }], state: "done" })).toEqual(["items: Each item may be named once (a twice)."]);
    expect(issues({ items: [{ key: "a", version: 1 }], state: "open" })[0]).toMatch(/^state/);
    expect(issues({ items: [{ key: "a", version: 1 }], state: "done", note: "ok" })).toEqual([]);
  });
});

describe("readiness aggregates in PostgreSQL", () => {
  it("give the same score, level and blocker count as the pure model on random checklists (waivers, stale ticks and upcoming rules included)", async () => {
    const team = await makeTeam();
    let seed = 42;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const severities = ["critical", "high", "medium", "low"] as const;
    const states = ["open", "done", "na"] as const;
    const waiverStatuses = ["pending", "approved", "rejected"] as const;
    const now = new Date("2026-06-01T12:00:00.000Z");
    const around = (days = 60) => new Date(now.getTime() + Math.round((rand() * 2 - 1) * days) * 86_400_000);
    const services = [];
    for (let s = 0; s < 30; s++) {
      // tiers 1–4, and items required only up to some tier: the aggregate reads the service's tier as compute does
      const service = await db.service.create({ data: { teamId: team.id, slug: `agg-${team.slug}-${s}`, name: `S${s}`, tier: 1 + (s % 4) } });
      const n = s === 0 ? 0 : Math.floor(rand() * 25);
      await db.serviceChecklistItem.createMany({
        data: Array.from({ length: n }, (_, i) => {
          const state = states[Math.floor(rand() * 3)]!;
          return {
            serviceId: service.id,
            key: `k${i}`,
            sectionKey: "s",
            sectionTitle: "S",
            title: `Item ${i}`,
            severity: severities[Math.floor(rand() * 4)]!,
            required: rand() < 0.7,
            requiredUpToTier: rand() < 0.4 ? 1 + Math.floor(rand() * 3) : null,
            position: i,
            state,
            naReason: state === "na" && rand() < 0.6 ? "does not apply" : rand() < 0.5 ? "  " : null,
            // the time-dependent rules (lib/readiness/item-status.ts), around the fixed `now` below
            waiverStatus: rand() < 0.5 ? waiverStatuses[Math.floor(rand() * 3)]! : null,
            waiverExpiresAt: rand() < 0.8 ? around() : null,
            verifiedAt: rand() < 0.7 ? around(400) : null,
            reverifyDays: rand() < 0.5 ? [0, 30, 90, 180][Math.floor(rand() * 4)]! : null,
            autoCheck: rand() < 0.15 ? ("tls_valid" as const) : null,
            effectiveFrom: rand() < 0.2 ? around() : null,
          };
        }),
      });
      services.push(service);
    }
    const aggregates = await readinessAggregates(services.map((s) => s.id), now);
    for (const service of services) {
      const items = await db.serviceChecklistItem.findMany({ where: { serviceId: service.id } });
      const full = computeReadiness(items.map((i) => ({ ...i, ...timedFactsOf(i) })), { tier: service.tier }, now);
      const fast = readinessFromAggregate(aggregates.get(service.id) ?? EMPTY_AGGREGATE, { tier: service.tier });
      expect({ score: fast.score, level: fast.level, blockers: fast.blockerCount, counts: fast.counts }).toEqual({
        score: full.score,
        level: full.level,
        blockers: full.blockers.length,
        counts: full.counts,
      });
    }
  });
});
