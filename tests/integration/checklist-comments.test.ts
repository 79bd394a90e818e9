/**
 * Comments on checklist items: a reviewer's comment is kept with the item and audited, and the item's
 * state (and version) stay as they were; viewers are refused (403), strangers see nothing (404), an
 * archived service takes none (409), and the API answers fit their schemas.
 */
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import * as commentsRoute from "@/app/api/v1/services/[slug]/checklist/[itemKey]/comments/route";
import { apiResponses } from "@/lib/api/openapi";
import { addItemComment, commentsByItemKey, listItemComments } from "@/lib/checklists/comments";
import { db } from "@/lib/db";
import { makeMember, makeTeam, tokenFor } from "../helpers/actors";

const ctx = { ip: "198.51.100.8" };

async function setup() {
  const team = await makeTeam();
  const [owner, reviewer, viewer] = await Promise.all([makeMember(team.id, "owner"), makeMember(team.id, "reviewer"), makeMember(team.id, "viewer")]);
  const service = await db.service.create({ data: { teamId: team.id, slug: `svc-${team.slug}`, name: "Ledger" } });
  const item = await db.serviceChecklistItem.create({
    data: { serviceId: service.id, key: "tls", sectionKey: "sec", sectionTitle: "Security", title: "TLS everywhere", severity: "high", position: 0, state: "open" },
  });
  return { team, owner, reviewer, viewer, service, item };
}

async function call(method: "GET" | "POST", token: string, slug: string, itemKey: string, body?: unknown) {
  const req = new NextRequest(new URL(`/api/v1/services/${slug}/checklist/${itemKey}/comments`, "http://localhost"), {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const res = await commentsRoute[method](req, { params: Promise.resolve({ slug, itemKey }) });
  return { status: res.status, body: (await res.json()) as unknown };
}

const commentAudits = (serviceId: string) =>
  db.auditEvent.findMany({ where: { serviceId, action: "checklist.comment" }, select: { actorEmail: true, targetType: true, targetId: true, after: true } });

describe("checklist item comments", () => {
  it("a reviewer's comment is stored with the item and audited; the item's state is unchanged", async () => {
    const { team, reviewer, service, item } = await setup();
    const token = await tokenFor(team.id, reviewer.userId, "reviewer");
    const posted = await call("POST", token, service.slug, "tls", { body: "  The staging proxy still answers on port 80.  " });
    expect(posted.status).toBe(201);
    const { comment } = apiResponses.itemComment.parse(posted.body);
    expect(comment).toMatchObject({ body: "The staging proxy still answers on port 80.", author: reviewer.email, authorName: reviewer.email });

    expect(await db.checklistItemComment.findMany({ where: { itemId: item.id }, select: { body: true, authorId: true } })).toEqual([
      { body: "The staging proxy still answers on port 80.", authorId: reviewer.userId },
    ]);
    expect(await commentAudits(service.id)).toEqual([
      { actorEmail: reviewer.email, targetType: "checklist_item", targetId: `${service.slug}/tls`, after: { item: "TLS everywhere", comment: "The staging proxy still answers on port 80." } },
    ]);
    const after = await db.serviceChecklistItem.findUniqueOrThrow({ where: { id: item.id } });
    expect({ state: after.state, version: after.version, updatedById: after.updatedById, note: after.note }).toEqual({ state: "open", version: 1, updatedById: null, note: null });

    const listed = await call("GET", token, service.slug, "tls");
    expect(listed.status).toBe(200);
    expect(apiResponses.itemComments.parse(listed.body).comments.map((c) => c.id)).toEqual([comment.id]);
    expect((await commentsByItemKey(service.id)).tls?.map((c) => c.body)).toEqual(["The staging proxy still answers on port 80."]);
  });

  it("a viewer is refused (403) and nothing is written; viewers may read the comments", async () => {
    const { team, owner, viewer, service, item } = await setup();
    await addItemComment(owner, service.slug, "tls", { body: "Certificates renew through the proxy." }, ctx);
    const token = await tokenFor(team.id, viewer.userId, "viewer");
    const refused = await call("POST", token, service.slug, "tls", { body: "Me too" });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ error: { code: "forbidden" } });
    await expect(addItemComment(viewer, service.slug, "tls", { body: "Me too" }, ctx)).rejects.toMatchObject({ code: "forbidden" });
    expect(await db.checklistItemComment.count({ where: { itemId: item.id } })).toBe(1);
    expect(await commentAudits(service.id)).toHaveLength(1);
    expect((await listItemComments(viewer, service.slug, "tls")).map((c) => c.body)).toEqual(["Certificates renew through the proxy."]);
  });

  it("refuses an empty comment (422), an unknown item (404), another team's service (404) and an archived service (409)", async () => {
    const { team, reviewer, service } = await setup();
    const token = await tokenFor(team.id, reviewer.userId, "reviewer");
    const empty = await call("POST", token, service.slug, "tls", { body: "   " });
    expect(empty.status).toBe(422);
    expect(empty.body).toMatchObject({ error: { issues: [{ path: "body", message: "Write the comment." }] } });
    expect((await call("POST", token, service.slug, "nope", { body: "Hm" })).status).toBe(404);

    const other = await makeTeam();
    const stranger = await makeMember(other.id, "owner");
    await expect(addItemComment(stranger, service.slug, "tls", { body: "Hi" }, ctx)).rejects.toMatchObject({ code: "not_found" });

    await db.service.update({ where: { id: service.id }, data: { archivedAt: new Date() } });
    await expect(addItemComment(reviewer, service.slug, "tls", { body: "Hi" }, ctx)).rejects.toMatchObject({ code: "conflict" });
    expect(await commentAudits(service.id)).toEqual([]);
  });
});
