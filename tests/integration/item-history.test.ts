/**
 * A checklist item's own history (GET …/checklist/{key}/history) and the team audit log's filter by
 * service, against the real database: every reader of the service sees the item's changes in words,
 * without what only the owners' log shows (IP addresses, e-mail addresses of people with a name).
 */
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { describeAuditEntry, sentenceText } from "@/lib/audit/describe";
import { loadAuditNames } from "@/lib/audit/names";
import { listAuditEvents, auditFilterSchema } from "@/lib/audit/query";
import type { Actor } from "@/lib/auth/actor";
import { updateChecklistItem } from "@/lib/checklists/items";
import { db } from "@/lib/db";
import { upsertRtoTarget } from "@/lib/recovery/write";
import * as historyRoute from "@/app/api/v1/services/[slug]/checklist/[itemKey]/history/route";
import { makeMember, makeTeam, tokenFor } from "../helpers/actors";

const ctx = { ip: "198.51.100.23" };
let editor: Actor;
let teamId = "";
const tokens: Record<string, string> = {};
const SLUG = "history-svc";

beforeAll(async () => {
  const team = await makeTeam();
  teamId = team.id;
  editor = await makeMember(team.id, "editor", "olive.history@example.com");
  await db.user.update({ where: { id: editor.userId }, data: { name: "Olive Owner" } });
  const service = await db.service.create({ data: { teamId: team.id, slug: SLUG, name: "CryptoPulse" } });
  await db.service.create({ data: { teamId: team.id, slug: "history-other", name: "Other" } });
  for (const key of ["tls-everywhere", "everywhere"]) {
    await db.serviceChecklistItem.create({
      data: { serviceId: service.id, key, sectionKey: "sec", sectionTitle: "Security", title: key === "tls-everywhere" ? "TLS everywhere" : "Everywhere", severity: "critical", position: 0 },
    });
  }
  for (const role of ["viewer", "reviewer"] as const) tokens[role] = await tokenFor(team.id, (await makeMember(team.id, role)).userId, role);
  const outsider = await makeTeam();
  tokens.outsider = await tokenFor(outsider.id, (await makeMember(outsider.id, "owner")).userId, "owner");

  await updateChecklistItem(editor, SLUG, "tls-everywhere", { state: "done", version: 1 }, ctx);
  await updateChecklistItem(editor, SLUG, "tls-everywhere", { state: "done", note: "Checked with testssl.sh", version: 2 }, ctx);
  await updateChecklistItem(editor, SLUG, "everywhere", { state: "na", reason: "No public endpoint", version: 1 }, ctx);
  await upsertRtoTarget(editor, "history-other", { component: "Database", rtoSeconds: 900 }, ctx);
});

async function history(who: string, key: string, query = "") {
  const req = new NextRequest(new URL(`/api/v1/services/${SLUG}/checklist/${key}/history${query}`, "http://localhost"), { headers: { authorization: `Bearer ${tokens[who]}` } });
  const res = await historyRoute.GET(req, { params: Promise.resolve({ slug: SLUG, itemKey: key }) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe("an item's own history", () => {
  it("every reader of the service reads who changed what, newest first, in words; nothing of another item", async () => {
    for (const who of ["viewer", "reviewer"]) {
      const r = await history(who, "tls-everywhere");
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({
        item: { key: "tls-everywhere", title: "TLS everywhere" },
        nextBefore: null,
        events: [
          { actor: "Olive Owner", via: "ui", action: "checklist.update", summary: "Olive Owner changed the note", details: [{ label: "Note", to: "Checked with testssl.sh" }] },
          { actor: "Olive Owner", summary: "Olive Owner marked it done", details: [] },
        ],
      });
      // What the team's log keeps for owners stays there.
      expect(JSON.stringify(r.body)).not.toMatch(/198\.51\.100\.23|olive\.history@example\.com|"version"/);
    }
    expect((await history("viewer", "everywhere")).body).toMatchObject({ events: [
        // a required item: its N/A asks for a waiver (docs/decisions/0037)
        { summary: "Olive Owner marked it not applicable and asked for a waiver", details: [{ label: "Reason", to: "No public endpoint" }, { label: "Waiver expires", to: expect.any(String) }] },
      ],
    });
  });

  it("pages with before/limit; refuses a bad query (400), an unknown item and another team's reader (404)", async () => {
    const first = await history("viewer", "tls-everywhere", "?limit=1");
    expect((first.body.events as unknown[]).length).toBe(1);
    const next = first.body.nextBefore as string;
    expect(next).toMatch(/^\d+$/);
    const second = await history("viewer", "tls-everywhere", `?limit=1&before=${next}`);
    expect([(second.body.events as { summary: string }[]).map((e) => e.summary), second.body.nextBefore]).toEqual([["Olive Owner marked it done"], null]);
    expect((await history("viewer", "tls-everywhere", "?limit=0")).status).toBe(400);
    expect((await history("viewer", "no-such-item")).status).toBe(404);
    expect((await history("outsider", "tls-everywhere")).status).toBe(404);
  });
});

describe("the team's audit log", () => {
  it("filters by service and names service, item and units in one batch of names", async () => {
    const all = await listAuditEvents(teamId, auditFilterSchema.parse({}));
    expect(all.events.length).toBe(4);
    const only = await listAuditEvents(teamId, auditFilterSchema.parse({ service: SLUG }));
    expect(only.events.map((e) => e.action)).toEqual(["checklist.update", "checklist.update", "checklist.update"]);
    expect((await listAuditEvents(teamId, auditFilterSchema.parse({ service: "no-such-service" }))).events).toEqual([]);
    const names = await loadAuditNames(all.events);
    const sentences = all.events.map((e) => sentenceText(describeAuditEntry(e, names).sentence));
    expect(sentences).toEqual([
      "Olive Owner set an RTO target for Database on Other",
      "Olive Owner marked “Everywhere” not applicable and asked for a waiver on CryptoPulse",
      "Olive Owner changed the note of “TLS everywhere” on CryptoPulse",
      "Olive Owner marked “TLS everywhere” done on CryptoPulse",
    ]);
  });
});
