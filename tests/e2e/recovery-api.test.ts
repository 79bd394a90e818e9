/** Removing RTO targets and backup monitors and replacing ping URLs over the JSON API. */
import http from "node:http";
import { beforeAll, describe, expect, it } from "vitest";
import { appSql, baseUrl, insertToken } from "../helpers/app";

const tokens: Record<string, string> = {};
const component = "Object storage";
const base = () => `${baseUrl()}/api/v1/services/glasswork`;
const call = (method: string, path: string, role: string, body?: unknown) =>
  fetch(`${base()}${path}`, {
    method,
    headers: { authorization: `Bearer ${tokens[role]}`, ...(body ? { "content-type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
const auditCount = async (action: string) =>
  (await appSql<{ n: number }>(`SELECT count(*)::int AS n FROM "AuditEvent" WHERE action = $1`, [action]))[0]!.n;

beforeAll(async () => {
  for (const role of ["editor", "viewer"]) tokens[role] = (await insertToken({ teamSlug: "platform", email: `${role}@example.com`, role })).secret;
});

describe("RTO targets and backup monitors over the API", () => {
  it("an editor removes a target (its name has a space); a viewer may not; a second removal is 404", async () => {
    expect((await call("POST", "/rto-targets", "editor", { component, rtoSeconds: 600 })).status).toBe(201);
    const path = `/rto-targets/${encodeURIComponent(component)}`;
    expect((await call("DELETE", path, "viewer")).status).toBe(403);
    expect(await appSql(`SELECT 1 FROM "RtoTarget" WHERE component = $1`, [component])).toHaveLength(1);

    const before = await auditCount("recovery.target.delete");
    expect((await call("DELETE", path, "editor")).status).toBe(204);
    expect(await appSql(`SELECT 1 FROM "RtoTarget" WHERE component = $1`, [component])).toEqual([]);
    expect(await auditCount("recovery.target.delete")).toBe(before + 1);
    const again = await call("DELETE", path, "editor");
    expect(again.status).toBe(404);
    expect(((await again.json()) as { error: { message: string } }).error.message).toBe(`No RTO target for "${component}".`);
  });

  it("a backup script that posts its whole 2 MiB log gets its 200 on a connection that stays open", async () => {
    const created = await call("POST", "/backup-monitors", "editor", { component: "Log archive", intervalSeconds: 86_400, graceSeconds: 3_600 });
    expect(created.status).toBe(201);
    const { pingUrl } = ((await created.json()) as { monitor: { pingUrl: string } }).monitor;
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const send = (path: string, method: string, body?: Buffer) =>
      new Promise<{ status: number; text: string; reusedSocket: boolean }>((resolve, reject) => {
        const req = http.request(`${baseUrl()}${path}`, { method, agent, headers: body ? { "content-length": String(body.length) } : {} }, (res) => {
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (c: string) => (text += c));
          res.on("end", () => resolve({ status: res.statusCode!, text, reusedSocket: req.reusedSocket }));
        });
        req.on("error", reject);
        req.end(body);
      });
    try {
      const log = Buffer.alloc(2 * 1024 * 1024, "backup line\n");
      const ping = await send(new URL(pingUrl).pathname, "POST", log);
      expect([ping.status, ping.text]).toEqual([200, "OK\n"]);
      // The same socket answers the next request: the server read the whole body instead of resetting.
      const next = await send("/api/health", "GET");
      expect([next.status, next.reusedSocket]).toEqual([200, true]);
    } finally {
      agent.destroy();
    }
    const [event] = await appSql<{ logExcerpt: string }>(`SELECT "logExcerpt" FROM "RecoveryEvent" WHERE component = 'Log archive'`);
    expect(event!.logExcerpt.startsWith("backup line\n")).toBe(true);
    expect(event!.logExcerpt.endsWith("[cut: the body was longer than 10 KiB]")).toBe(true);
  });

  it("an editor replaces a monitor's ping URL (the old one stops working) and removes the monitor", async () => {
    const created = await call("POST", "/backup-monitors", "editor", { component, intervalSeconds: 86_400, graceSeconds: 3_600 });
    expect(created.status).toBe(201);
    const oldUrl = ((await created.json()) as { monitor: { pingUrl: string } }).monitor.pingUrl;
    const path = `/backup-monitors/${encodeURIComponent(component)}`;

    expect((await call("POST", `${path}/rotate`, "viewer")).status).toBe(403);
    const rotated = await call("POST", `${path}/rotate`, "editor");
    expect(rotated.status).toBe(200);
    const { pingUrl } = (await rotated.json()) as { pingUrl: string };
    expect(pingUrl).not.toBe(oldUrl);
    const local = (u: string) => `${baseUrl()}${new URL(u).pathname}`;
    expect((await fetch(local(oldUrl), { method: "POST" })).status).toBe(404);
    expect((await fetch(local(pingUrl), { method: "POST" })).status).toBe(200);

    expect((await call("DELETE", path, "viewer")).status).toBe(403);
    expect((await call("DELETE", path, "editor")).status).toBe(204);
    expect(await appSql(`SELECT 1 FROM "BackupMonitor" WHERE component = $1`, [component])).toEqual([]);
    expect((await fetch(local(pingUrl), { method: "POST" })).status).toBe(404);
    // the backup the ping recorded stays in the log
    expect(await appSql(`SELECT 1 FROM "RecoveryEvent" WHERE component = $1 AND kind = 'backup'`, [component])).toHaveLength(1);
    expect((await call("DELETE", path, "editor")).status).toBe(404);
  });

  it("HEAD on a ping URL (curl -I, link unfurlers) answers 405 from the running app and records nothing", async () => {
    const created = await call("POST", "/backup-monitors", "editor", { component: "Unfurled", intervalSeconds: 86_400, graceSeconds: 3_600 });
    expect(created.status).toBe(201);
    const { pathname } = new URL(((await created.json()) as { monitor: { pingUrl: string } }).monitor.pingUrl);
    const events = async () => (await appSql<{ n: number }>(`SELECT count(*)::int AS n FROM "RecoveryEvent" WHERE component = 'Unfurled'`))[0]!.n;
    const lastPing = async () => (await appSql<{ at: Date | null; run: Date | null }>(`SELECT "lastPingAt" AS at, "runStartedAt" AS run FROM "BackupMonitor" WHERE component = 'Unfurled'`))[0];
    for (const path of [pathname, `${pathname}/start`, `${pathname}/fail`]) {
      const res = await fetch(`${baseUrl()}${path}`, { method: "HEAD" });
      expect([path.replace(pathname, "{ping}"), res.status, res.headers.get("allow")]).toEqual([path.replace(pathname, "{ping}"), 405, "GET, POST"]);
    }
    expect([await events(), await lastPing()]).toEqual([0, { at: null, run: null }]);
    // A GET (what curl without -I sends) still records the backup.
    expect((await fetch(`${baseUrl()}${pathname}`)).status).toBe(200);
    expect(await events()).toBe(1);
  });

  it("the OpenAPI document lists the new operations", async () => {
    const doc = (await (await fetch(`${baseUrl()}/api/v1/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.paths["/api/v1/services/{slug}/rto-targets/{component}"]!)).toContain("delete");
    expect(Object.keys(doc.paths["/api/v1/services/{slug}/backup-monitors/{component}"]!)).toContain("delete");
    expect(Object.keys(doc.paths["/api/v1/services/{slug}/backup-monitors/{component}/rotate"]!)).toContain("post");
  });
});
