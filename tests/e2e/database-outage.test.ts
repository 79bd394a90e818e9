/**
 * The running app while its PostgreSQL hangs (SIGSTOP on the test cluster's postmaster and backends): the
 * API answers 503 `unavailable` with Retry-After within seconds, pages answer 503 with a page that says
 * the database is unreachable, and both answer 200 again after SIGCONT, without a restart; the outage is
 * logged once per process, not once per request (docs/decisions/0020).
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { baseUrl, cookieHeader, insertToken, sessionFor } from "../helpers/app";

/** The embedded test cluster's postmaster and backends, or null when the tests run on another server. */
function clusterPids(): number[] | null {
  const pidFile = path.join(process.cwd(), ".data", "test-postgres", "postmaster.pid");
  if (!existsSync(pidFile)) return null;
  const lines = readFileSync(pidFile, "utf8").split("\n");
  if (lines[3]?.trim() !== new URL(inject("appDbUrl")).port) return null;
  const pid = Number(lines[0]);
  const children = execFileSync("ps", ["-o", "pid=", "--ppid", String(pid)], { encoding: "utf8" }).split("\n").map(Number).filter((n) => n > 0);
  return [pid, ...children];
}

async function timed(url: string, headers: Record<string, string>) {
  const started = Date.now();
  const res = await fetch(url, { headers, redirect: "manual" });
  return { status: res.status, retryAfter: res.headers.get("retry-after"), text: await res.text(), ms: Date.now() - started };
}

describe("while the database hangs", () => {
  it("the API and pages answer 503 within seconds, and 200 after it is back", async (ctx) => {
    const pids = clusterPids();
    if (!pids) return ctx.skip();
    const api = { authorization: `Bearer ${(await insertToken({ teamSlug: "platform", email: "owner@example.com", role: "owner" })).secret}` };
    const page = { cookie: cookieHeader(await sessionFor("owner@example.com")) };
    // The log ends with a line break: the lines so far, not counting the empty piece after it.
    const logStart = readFileSync(inject("appLog"), "utf8").split("\n").length - 1;
    for (const pid of pids) process.kill(pid, "SIGSTOP");
    try {
      const r = await timed(`${baseUrl()}/api/v1/services`, api);
      expect(r).toMatchObject({ status: 503, retryAfter: "5" });
      expect((JSON.parse(r.text) as { error: { code: string } }).error.code).toBe("unavailable");
      expect(r.ms).toBeLessThan(10_000);
      const p = await timed(`${baseUrl()}/`, page);
      expect(p).toMatchObject({ status: 503, retryAfter: "5" });
      expect(p.text).toContain("The database is unreachable");
      expect(p.ms).toBeLessThan(2_000);
      // Later requests during the outage answer the same, without a log line each.
      for (let i = 0; i < 3; i++) expect((await timed(`${baseUrl()}/api/v1/services`, api)).status).toBe(503);
    } finally {
      for (const pid of pids) process.kill(pid, "SIGCONT");
    }
    const deadline = Date.now() + 30_000;
    let apiStatus = 0;
    let pageStatus = 0;
    while (Date.now() < deadline && (apiStatus !== 200 || pageStatus !== 200)) {
      await new Promise((r) => setTimeout(r, 500));
      apiStatus = (await timed(`${baseUrl()}/api/v1/services`, api)).status;
      pageStatus = (await timed(`${baseUrl()}/`, page)).status;
    }
    expect([apiStatus, pageStatus]).toEqual([200, 200]);
    const lines = readFileSync(inject("appLog"), "utf8").split("\n").slice(logStart);
    const messages = lines.filter((l) => l.startsWith("{")).map((l) => (JSON.parse(l) as { msg?: string }).msg ?? "");
    // One line each way per process that noticed (the web server, and the launcher's probe scheduler).
    const down = messages.filter((m) => m.startsWith("database unreachable")).length;
    expect(down).toBeGreaterThanOrEqual(1);
    expect(down).toBeLessThanOrEqual(2);
    expect(messages.filter((m) => m === "unhandled error")).toEqual([]);
    await expect.poll(() => readFileSync(inject("appLog"), "utf8").split("\n").slice(logStart).filter((l) => l.includes('"database reachable again"')).length, { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
  }, 120_000);
});
