/**
 * The permission matrix over HTTP: every caller kind × every mutating endpoint, the expected status,
 * and on every refusal, no change in the database.
 */
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { appSql, baseUrl, cookieHeader, sessionFor } from "../helpers/app";
import { API_TOKEN_PREFIX, hashSecret } from "@/lib/auth/tokens";

type Caller = "owner" | "editor" | "reviewer" | "viewer" | "none" | "expired" | "otherTeamToken" | "revokedToken" | "ownerToken" | "noOrigin";
const CALLERS: Caller[] = ["owner", "editor", "reviewer", "viewer", "none", "expired", "otherTeamToken", "revokedToken", "ownerToken", "noOrigin"];

const auth: Partial<Record<Caller, Record<string, string>>> = {};
let teamId = "";
let ownerId = "";

async function userId(email: string) {
  return (await appSql<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [email]))[0]!.id;
}

async function insertToken(opts: { team: string; user: string; role: string; revoked?: boolean }) {
  const secret = `${API_TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  const [row] = await appSql<{ id: string }>(
    `INSERT INTO "ApiToken" (id, "teamId", "userId", name, role, "tokenHash", prefix, "revokedAt")
     VALUES ($1, $2, $3, 'fixture', $4::"Role", $5, $6, $7) RETURNING id`,
    [`tok_${randomBytes(6).toString("hex")}`, opts.team, opts.user, opts.role, hashSecret(secret), secret.slice(0, 9), opts.revoked ? new Date() : null],
  );
  return { id: row!.id, secret };
}

beforeAll(async () => {
  teamId = (await appSql<{ id: string }>(`SELECT id FROM "Team" WHERE slug = 'platform'`))[0]!.id;
  ownerId = await userId("owner@example.com");
  const origin = { origin: baseUrl() };
  for (const role of ["owner", "editor", "reviewer", "viewer"] as const) {
    auth[role] = { cookie: cookieHeader(await sessionFor(`${role}@example.com`)), ...origin };
  }
  auth.none = {};
  auth.expired = { cookie: cookieHeader(await sessionFor("owner@example.com", { expired: true })), ...origin };
  auth.noOrigin = { cookie: cookieHeader(await sessionFor("owner@example.com")) };
  // An owner of another team, with a valid owner token for that team only.
  const [other] = await appSql<{ id: string }>(`INSERT INTO "Team" (id, slug, name) VALUES ('team_other', 'other', 'Other') RETURNING id`);
  const [outsider] = await appSql<{ id: string }>(`INSERT INTO "User" (id, email) VALUES ('user_outsider', 'outsider@example.com') RETURNING id`);
  await appSql(`INSERT INTO "Membership" (id, "teamId", "userId", role) VALUES ('m_outsider', $1, $2, 'owner')`, [other!.id, outsider!.id]);
  auth.otherTeamToken = { authorization: `Bearer ${(await insertToken({ team: other!.id, user: outsider!.id, role: "owner" })).secret}` };
  auth.revokedToken = { authorization: `Bearer ${(await insertToken({ team: teamId, user: ownerId, role: "owner", revoked: true })).secret}` };
  auth.ownerToken = { authorization: `Bearer ${(await insertToken({ team: teamId, user: ownerId, role: "owner" })).secret}` };
});

/** Everything a refused call must leave untouched (token use stamps lastUsedAt, which is bookkeeping). */
async function snapshot() {
  const [row] = await appSql<Record<string, string>>(`SELECT
    (SELECT md5(coalesce(string_agg(i::text, ',' ORDER BY id), '')) FROM "Invitation" i) AS invitations,
    (SELECT md5(coalesce(string_agg(concat_ws('|', id, name, role, "revokedAt", "expiresAt"), ',' ORDER BY id), '')) FROM "ApiToken") AS tokens,
    (SELECT md5(coalesce(string_agg(m::text, ',' ORDER BY id), '')) FROM "Membership" m) AS memberships,
    (SELECT count(*)::text FROM "ChecklistItemComment") AS comments,
    (SELECT count(*)::text FROM "AuditEvent") AS audit`);
  return row;
}

async function pendingInvitation() {
  const id = `inv_${randomBytes(6).toString("hex")}`;
  await appSql(
    `INSERT INTO "Invitation" (id, "teamId", email, role, "tokenHash", "invitedById", "expiresAt")
     VALUES ($1, $2, $3, 'viewer', $4, $5, now() + interval '7 days')`,
    [id, teamId, `${id}@example.org`, hashSecret(id), ownerId],
  );
  return id;
}

async function memberFixture() {
  const id = `u_${randomBytes(6).toString("hex")}`;
  await appSql(`INSERT INTO "User" (id, email) VALUES ($1, $2)`, [id, `${id}@example.org`]);
  await appSql(`INSERT INTO "Membership" (id, "teamId", "userId", role) VALUES ($1, $2, $3, 'viewer')`, [`m_${id}`, teamId, id]);
  return id;
}

interface Endpoint {
  name: string;
  request: () => Promise<{ method: string; path: string; body?: unknown }>;
  expect: Record<Caller, number>;
}

const refusedOutside = { none: 401, expired: 401, otherTeamToken: 404, revokedToken: 401, noOrigin: 403 } as const;

const ENDPOINTS: Endpoint[] = [
  {
    name: "POST invitations",
    request: async () => ({ method: "POST", path: "/api/v1/teams/platform/invitations", body: { email: `new-${randomBytes(4).toString("hex")}@example.org`, role: "viewer" } }),
    expect: { owner: 201, editor: 201, reviewer: 403, viewer: 403, ownerToken: 201, ...refusedOutside },
  },
  {
    name: "POST invitations (editor inviting an owner)",
    request: async () => ({ method: "POST", path: "/api/v1/teams/platform/invitations", body: { email: `own-${randomBytes(4).toString("hex")}@example.org`, role: "owner" } }),
    expect: { owner: 201, editor: 403, reviewer: 403, viewer: 403, ownerToken: 201, ...refusedOutside },
  },
  {
    name: "DELETE invitation",
    request: async () => ({ method: "DELETE", path: `/api/v1/teams/platform/invitations/${await pendingInvitation()}` }),
    expect: { owner: 200, editor: 403, reviewer: 403, viewer: 403, ownerToken: 200, ...refusedOutside },
  },
  {
    name: "POST invitation resend",
    request: async () => ({ method: "POST", path: `/api/v1/teams/platform/invitations/${await pendingInvitation()}/resend` }),
    expect: { owner: 200, editor: 403, reviewer: 403, viewer: 403, ownerToken: 200, ...refusedOutside },
  },
  {
    name: "POST tokens",
    request: async () => ({ method: "POST", path: "/api/v1/teams/platform/tokens", body: { name: "ci", role: "viewer" } }),
    expect: { owner: 201, editor: 201, reviewer: 201, viewer: 201, ownerToken: 201, ...refusedOutside },
  },
  {
    name: "POST tokens (role above the caller's)",
    request: async () => ({ method: "POST", path: "/api/v1/teams/platform/tokens", body: { name: "ci", role: "owner" } }),
    expect: { owner: 201, editor: 403, reviewer: 403, viewer: 403, ownerToken: 201, ...refusedOutside },
  },
  {
    name: "DELETE another member's token",
    request: async () => ({ method: "DELETE", path: `/api/v1/teams/platform/tokens/${(await insertToken({ team: teamId, user: ownerId, role: "viewer" })).id}` }),
    expect: { owner: 200, editor: 403, reviewer: 403, viewer: 403, ownerToken: 200, ...refusedOutside },
  },
  {
    name: "PATCH member role",
    request: async () => ({ method: "PATCH", path: `/api/v1/teams/platform/members/${await memberFixture()}`, body: { role: "reviewer" } }),
    expect: { owner: 200, editor: 403, reviewer: 403, viewer: 403, ownerToken: 200, ...refusedOutside },
  },
  {
    name: "POST checklist item comment",
    request: async () => {
      const [item] = await appSql<{ key: string }>(`SELECT i.key FROM "ServiceChecklistItem" i JOIN "Service" s ON s.id = i."serviceId" WHERE s.slug = 'trailbase' AND i."archivedAt" IS NULL ORDER BY i.position LIMIT 1`);
      return { method: "POST", path: `/api/v1/services/trailbase/checklist/${item!.key}/comments`, body: { body: "Seen in the staging run." } };
    },
    expect: { owner: 201, editor: 201, reviewer: 201, viewer: 403, ownerToken: 201, ...refusedOutside },
  },
  {
    name: "DELETE member",
    request: async () => ({ method: "DELETE", path: `/api/v1/teams/platform/members/${await memberFixture()}` }),
    expect: { owner: 204, editor: 403, reviewer: 403, viewer: 403, ownerToken: 204, ...refusedOutside },
  },
];

describe("permission matrix", () => {
  for (const endpoint of ENDPOINTS) {
    it(`${endpoint.name}: expected status per caller, no change on refusal`, async () => {
      const got: Record<string, number> = {};
      for (const caller of CALLERS) {
        const { method, path, body } = await endpoint.request();
        const before = await snapshot();
        const res = await fetch(`${baseUrl()}${path}`, {
          method,
          headers: { ...auth[caller], ...(body ? { "content-type": "application/json" } : {}) },
          body: body ? JSON.stringify(body) : undefined,
        });
        got[caller] = res.status;
        if (res.status >= 400) {
          const payload = (await res.json()) as { error?: { code?: string; message?: string } };
          expect(payload.error?.code, `${caller} error shape`).toBeTypeOf("string");
          expect(payload.error?.message, `${caller} error shape`).toBeTypeOf("string");
          expect(await snapshot(), `${caller} changed the database on a refusal`).toEqual(before);
        } else {
          expect(await snapshot(), `${caller} success must be audited`).not.toEqual(before);
        }
      }
      expect(got).toEqual(endpoint.expect);
    });
  }
});
