/**
 * The query-string frame (lib/http/api-query.ts) through the route handlers: a bad query is 400
 * `bad_request` with an issue naming each parameter in error, on every route that reads one.
 */
import { randomBytes } from "node:crypto";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { API_TOKEN_PREFIX, hashSecret } from "@/lib/auth/tokens";
import { db } from "@/lib/db";
import * as uptimeRoute from "@/app/api/v1/services/[slug]/uptime/route";
import * as eventsRoute from "@/app/api/v1/services/[slug]/recovery-events/route";
import * as auditRoute from "@/app/api/v1/teams/[team]/audit/route";
import * as exportRoute from "@/app/api/v1/templates/[key]/route";
import { makeMember, makeTeam } from "../helpers/actors";

const SLUG = "api-queries";
let owner = "";
let teamSlug = "";

type Handler<P> = (req: NextRequest, segment: { params: Promise<P> }) => Promise<Response>;

async function get<P>(handler: Handler<P>, params: P, query: string) {
  const req = new NextRequest(new URL(`/api/v1/x${query}`, "http://localhost"), { headers: { authorization: `Bearer ${owner}` } });
  const res = await handler(req, { params: Promise.resolve(params) });
  const type = res.headers.get("content-type") ?? "";
  return { status: res.status, body: (type.includes("json") ? await res.json() : await res.text()) as { error?: { code: string; issues?: { path: string; message: string }[] } } };
}

beforeAll(async () => {
  const team = await makeTeam();
  teamSlug = team.slug;
  await db.service.create({ data: { teamId: team.id, slug: SLUG, name: "API queries" } });
  const member = await makeMember(team.id, "owner");
  owner = `${API_TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  await db.apiToken.create({ data: { teamId: team.id, userId: member.userId, name: "t", role: "owner", tokenHash: hashSecret(owner), prefix: owner.slice(0, 9) } });
});

const paths = (body: { error?: { issues?: { path: string }[] } }) => (body.error?.issues ?? []).map((i) => i.path).sort();

describe("a bad query string is 400 bad_request with issues", () => {
  it("uptime: an unknown range", async () => {
    const bad = await get(uptimeRoute.GET, { slug: SLUG }, "?range=1y");
    expect([bad.status, bad.body.error?.code, paths(bad.body)]).toEqual([400, "bad_request", ["range"]]);
    expect((await get(uptimeRoute.GET, { slug: SLUG }, "?range=7d")).status).toBe(200);
  });

  it("audit: a malformed date and a limit out of range", async () => {
    const bad = await get(auditRoute.GET, { team: teamSlug }, "?from=yesterday&limit=0");
    expect([bad.status, bad.body.error?.code, paths(bad.body)]).toEqual([400, "bad_request", ["from", "limit"]]);
    expect((await get(auditRoute.GET, { team: teamSlug }, "?limit=5")).status).toBe(200);
  });

  it("recovery events: an unknown kind and a page that is not a number (no longer silently ignored)", async () => {
    const bad = await get(eventsRoute.GET, { slug: SLUG }, "?kind=snapshot&page=two&perPage=500");
    expect([bad.status, bad.body.error?.code, paths(bad.body)]).toEqual([400, "bad_request", ["kind", "page", "perPage"]]);
    expect((await get(eventsRoute.GET, { slug: SLUG }, "?kind=backup&page=1&perPage=10")).status).toBe(200);
  });

  it("an empty parameter means the same as none", async () => {
    expect((await get(eventsRoute.GET, { slug: SLUG }, "?kind=&component=")).status).toBe(200);
    expect((await get(uptimeRoute.GET, { slug: SLUG }, "?range=")).status).toBe(200);
  });

  it("template export: an unknown format", async () => {
    const bad = await get(exportRoute.GET, { key: "anything" }, "?format=xml");
    expect([bad.status, bad.body.error?.code, paths(bad.body)]).toEqual([400, "bad_request", ["format"]]);
  });
});
