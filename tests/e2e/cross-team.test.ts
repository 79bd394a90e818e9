/**
 * Cross-team and cross-service ids (IDOR): a caller who may edit service A1 of team A names, through A1's
 * URL (or team A's), a sub-resource of team B's service B1 or of A's other service A2. Every such call
 * answers 404 (a body id that is not the service's: 422 naming the field) and changes nothing.
 * The server actions of the pages call the same lib functions with the same (slug, id) arguments.
 */
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { appSql, baseUrl, cookieHeader, insertToken, sessionFor } from "../helpers/app";

const A = { team: "xt_team_a", slug: "xt-a" };
const B = { team: "xt_team_b", slug: "xt-b" };
/** The services whose sub-resources are named from A1's URL: another team's, and another of team A's. */
const FOREIGN = [
  { id: "xt_svc_b1", slug: "xt-b1", team: B.team, label: "another team's service" },
  { id: "xt_svc_a2", slug: "xt-a2", team: A.team, label: "another service of the same team" },
] as const;

const callers: Record<string, Record<string, string>> = {};

async function user(id: string, email: string) {
  await appSql(`INSERT INTO "User" (id, email) VALUES ($1, $2)`, [id, email]);
}

beforeAll(async () => {
  await appSql(`INSERT INTO "Team" (id, slug, name) VALUES ($1, $2, 'Cross A'), ($3, $4, 'Cross B')`, [A.team, A.slug, B.team, B.slug]);
  await user("xt_alice", "xt-alice@example.com");
  await user("xt_bob", "xt-bob@example.com");
  await user("xt_carol", "xt-carol@example.com");
  await appSql(
    `INSERT INTO "Membership" (id, "teamId", "userId", role) VALUES
       ('xt_m_alice', $1, 'xt_alice', 'owner'), ('xt_m_carol', $1, 'xt_carol', 'editor'), ('xt_m_bob', $2, 'xt_bob', 'owner')`,
    [A.team, B.team],
  );
  await appSql(
    `INSERT INTO "Service" (id, "teamId", slug, name, "updatedAt") VALUES
       ('xt_svc_a1', $1, 'xt-a1', 'Cross A1', now()), ('xt_svc_a2', $1, 'xt-a2', 'Cross A2', now()), ('xt_svc_b1', $2, 'xt-b1', 'Cross B1', now())`,
    [A.team, B.team],
  );
  for (const s of FOREIGN) {
    const requester = s.team === B.team ? "xt_bob" : "xt_carol";
    await appSql(`INSERT INTO "HealthCheck" (id, "serviceId", name, url, enabled, "updatedAt") VALUES ($1, $2, 'foreign', 'https://foreign.example.com/health', false, now())`, [`xt_chk_${s.slug}`, s.id]);
    await appSql(
      `INSERT INTO "MetricThreshold" (id, "serviceId", metric, label, unit, comparator, "limit", severity) VALUES ($1, $2, 'xt_errors', 'errors', '', 'gt', 5, 'high')`,
      [`xt_thr_${s.slug}`, s.id],
    );
    await appSql(`INSERT INTO "Review" (id, "serviceId", "requestedById", status) VALUES ($1, $2, $3, 'requested')`, [`xt_rev_${s.slug}`, s.id, requester]);
    await appSql(`INSERT INTO "BackupMonitor" (id, "serviceId", component, "pingTokenHash", "pingTokenSealed") VALUES ($1, $2, 'xt-db', $3, 'v1.x.x.x')`, [
      `xt_mon_${s.slug}`,
      s.id,
      randomBytes(32).toString("hex"),
    ]);
    await appSql(`INSERT INTO "RtoTarget" (id, "serviceId", component, "rtoSeconds") VALUES ($1, $2, 'xt-db', 3600)`, [`xt_rto_${s.slug}`, s.id]);
    await appSql(
      `INSERT INTO "ServiceChecklistItem" (id, "serviceId", key, "sectionKey", "sectionTitle", title, severity, position) VALUES ($1, $2, 'xt-item', 'xt', 'Cross', 'Cross item', 'high', 0)`,
      [`xt_item_${s.slug}`, s.id],
    );
    await appSql(
      `INSERT INTO "RecoveryEvent" (id, "serviceId", component, kind, status, "finishedAt", "reportedBy", source) VALUES ($1, $2, 'xt-db', 'backup', 'success', now(), 'fixture', 'api')`,
      [`xt_ev_${s.slug}`, s.id],
    );
  }
  await appSql(
    `INSERT INTO "Invitation" (id, "teamId", email, role, "tokenHash", "invitedById", "expiresAt") VALUES ('xt_inv_b', $1, 'xt-invitee@example.org', 'viewer', $2, 'xt_bob', now() + interval '7 days')`,
    [B.team, randomBytes(32).toString("hex")],
  );
  await insertToken({ teamId: B.team, email: "xt-bob@example.com", role: "viewer" }).then((t) => appSql(`UPDATE "ApiToken" SET id = 'xt_tok_b' WHERE id = $1`, [t.id]));

  callers.session = { cookie: cookieHeader(await sessionFor("xt-alice@example.com")), origin: baseUrl() };
  callers.token = { authorization: `Bearer ${(await insertToken({ teamId: A.team, email: "xt-alice@example.com", role: "owner" })).secret}` };
});

/** Everything these calls could change, for the fixture's teams and services. */
async function snapshot() {
  const [row] = await appSql<Record<string, string>>(
    `SELECT
      (SELECT md5(coalesce(string_agg(concat_ws('|', id, "serviceId", name, url, enabled, "intervalSeconds", headers::text), ',' ORDER BY id), '')) FROM "HealthCheck" WHERE id LIKE 'xt\\_%') AS checks,
      (SELECT md5(coalesce(string_agg(concat_ws('|', id, metric, "limit", comparator, label), ',' ORDER BY id), '')) FROM "MetricThreshold" WHERE id LIKE 'xt\\_%') AS thresholds,
      (SELECT md5(coalesce(string_agg(concat_ws('|', id, status, "reviewerId", comment), ',' ORDER BY id), '')) FROM "Review" WHERE id LIKE 'xt\\_%') AS reviews,
      (SELECT md5(coalesce(string_agg(concat_ws('|', id, "pingTokenHash"), ',' ORDER BY id), '')) FROM "BackupMonitor" WHERE "serviceId" LIKE 'xt\\_%') AS monitors,
      (SELECT md5(coalesce(string_agg(concat_ws('|', id, "rtoSeconds"), ',' ORDER BY id), '')) FROM "RtoTarget" WHERE "serviceId" LIKE 'xt\\_%') AS targets,
      (SELECT md5(coalesce(string_agg(concat_ws('|', id, state, version), ',' ORDER BY id), '')) FROM "ServiceChecklistItem" WHERE "serviceId" LIKE 'xt\\_%') AS items,
      (SELECT count(*)::text FROM "RecoveryEvent" WHERE "serviceId" LIKE 'xt\\_%') AS events,
      (SELECT md5(coalesce(string_agg(concat_ws('|', id, "tokenHash", "revokedAt", "expiresAt"), ',' ORDER BY id), '')) FROM "Invitation" WHERE "teamId" LIKE 'xt\\_%') AS invitations,
      (SELECT md5(coalesce(string_agg(concat_ws('|', id, "revokedAt"), ',' ORDER BY id), '')) FROM "ApiToken" WHERE "teamId" LIKE 'xt\\_%') AS tokens,
      (SELECT md5(coalesce(string_agg(concat_ws('|', id, role), ',' ORDER BY id), '')) FROM "Membership" WHERE "teamId" LIKE 'xt\\_%') AS memberships,
      (SELECT count(*)::text FROM "AuditEvent" WHERE "teamId" LIKE 'xt\\_%') AS audit`,
  );
  return row;
}

type Call = { name: string; method: string; path: string; body?: unknown; status: number };

/** Calls through A1 (and team A) that name a sub-resource of `s`. */
function callsNaming(s: (typeof FOREIGN)[number]): Call[] {
  const svc = "/api/v1/services/xt-a1";
  return [
    { name: "GET check", method: "GET", path: `${svc}/checks/xt_chk_${s.slug}`, status: 404 },
    { name: "PATCH check", method: "PATCH", path: `${svc}/checks/xt_chk_${s.slug}`, body: { name: "taken over" }, status: 404 },
    { name: "DELETE check", method: "DELETE", path: `${svc}/checks/xt_chk_${s.slug}`, status: 404 },
    { name: "GET uptime of a check", method: "GET", path: `${svc}/uptime?range=24h&check=xt_chk_${s.slug}`, status: 404 },
    { name: "PATCH threshold", method: "PATCH", path: `${svc}/thresholds/xt_thr_${s.slug}`, body: { limit: 1 }, status: 404 },
    { name: "DELETE threshold", method: "DELETE", path: `${svc}/thresholds/xt_thr_${s.slug}`, status: 404 },
    { name: "POST review decision", method: "POST", path: `${svc}/reviews/xt_rev_${s.slug}/decision`, body: { decision: "approve" }, status: 404 },
    { name: "POST review withdraw", method: "POST", path: `${svc}/reviews/xt_rev_${s.slug}/withdraw`, status: 404 },
    { name: "DELETE backup monitor", method: "DELETE", path: `${svc}/backup-monitors/xt-db`, status: 404 },
    { name: "POST backup monitor rotate", method: "POST", path: `${svc}/backup-monitors/xt-db/rotate`, status: 404 },
    { name: "DELETE RTO target", method: "DELETE", path: `${svc}/rto-targets/xt-db`, status: 404 },
    { name: "PATCH checklist item", method: "PATCH", path: `${svc}/checklist/xt-item`, body: { state: "done", version: 1 }, status: 404 },
    {
      name: "POST recovery event correcting another service's entry",
      method: "POST",
      path: `${svc}/recovery-events`,
      body: { kind: "backup", component: "xt-db", status: "failed", correctsId: `xt_ev_${s.slug}` },
      status: 422,
    },
  ];
}

/** Team B's invitation, token and member, named through team A's URL. */
const TEAM_CALLS: Call[] = [
  { name: "DELETE invitation", method: "DELETE", path: `/api/v1/teams/${A.slug}/invitations/xt_inv_b`, status: 404 },
  { name: "POST invitation resend", method: "POST", path: `/api/v1/teams/${A.slug}/invitations/xt_inv_b/resend`, status: 404 },
  { name: "DELETE token", method: "DELETE", path: `/api/v1/teams/${A.slug}/tokens/xt_tok_b`, status: 404 },
  { name: "PATCH member role", method: "PATCH", path: `/api/v1/teams/${A.slug}/members/xt_bob`, body: { role: "viewer" }, status: 404 },
  { name: "DELETE member", method: "DELETE", path: `/api/v1/teams/${A.slug}/members/xt_bob`, status: 404 },
];

async function expectRefusedWithoutChange(call: Call, caller: string) {
  const before = await snapshot();
  const res = await fetch(`${baseUrl()}${call.path}`, {
    method: call.method,
    headers: { ...callers[caller], ...(call.body ? { "content-type": "application/json" } : {}) },
    body: call.body ? JSON.stringify(call.body) : undefined,
  });
  const payload = (await res.json()) as { error?: { code?: string; message?: string; issues?: { path: string }[] } };
  expect(res.status, `${caller}: ${call.method} ${call.path}`).toBe(call.status);
  expect(payload.error?.message, `${caller}: error shape`).toBeTypeOf("string");
  if (call.status === 422) expect(payload.error?.issues?.map((i) => i.path)).toEqual(["correctsId"]);
  expect(await snapshot(), `${caller}: ${call.name} changed something`).toEqual(before);
}

describe("ids of another team's or another service's resources, through a URL the caller may edit", () => {
  it("the caller can edit A1 (so a 404 below is about the id, not the service)", async () => {
    for (const caller of Object.keys(callers)) {
      const res = await fetch(`${baseUrl()}/api/v1/services/xt-a1/checks`, { headers: callers[caller] });
      expect(res.status, caller).toBe(200);
    }
  });

  for (const s of FOREIGN) {
    for (const call of callsNaming(s)) {
      it(`${call.name} of ${s.label}: ${call.status}, nothing changed`, async () => {
        for (const caller of Object.keys(callers)) await expectRefusedWithoutChange(call, caller);
      });
    }
  }

  for (const call of TEAM_CALLS) {
    it(`${call.name} of another team: 404, nothing changed`, async () => {
      for (const caller of Object.keys(callers)) await expectRefusedWithoutChange(call, caller);
    });
  }
});
