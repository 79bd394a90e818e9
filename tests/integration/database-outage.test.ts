/**
 * A database outage answers 503 `unavailable` with Retry-After, not 500, and the API answers again once
 * the database is back, without a restart (docs/decisions/0020). Runs against a PostgreSQL of its own
 * (its own data directory and port), which it stops and restarts, and then freezes (SIGSTOP) to check
 * that a hung database also answers 503 within seconds.
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  // Read once by lib/env.ts: a short statement/query timeout keeps the hang case quick.
  process.env.DATABASE_QUERY_TIMEOUT_MS = "1500";
});

import { API_TOKEN_PREFIX, hashSecret } from "@/lib/auth/tokens";
import { configureDatabase, databaseUrl, db, disconnectDb } from "@/lib/db";
import { findFreePort, startEmbeddedPostgres, type EmbeddedServer } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { log } from "@/lib/log";
import * as servicesRoute from "@/app/api/v1/services/route";
import { makeMember, makeTeam } from "../helpers/actors";

const dataDir = path.join(process.cwd(), ".data", `outage-postgres-${randomBytes(4).toString("hex")}`);
let server: EmbeddedServer;
let port = 0;
let token = "";
let testDbUrl = "";

async function start() {
  server = await startEmbeddedPostgres({ dataDir, preferredPort: port, settings: { fsync: "off", synchronous_commit: "off" } });
}

beforeAll(async () => {
  port = await findFreePort();
  await start();
  await migrate(server.url());
  testDbUrl = databaseUrl();
  await disconnectDb();
  configureDatabase(server.url());
  const team = await makeTeam();
  const member = await makeMember(team.id, "owner");
  token = `${API_TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  await db.apiToken.create({ data: { teamId: team.id, userId: member.userId, name: "t", role: "owner", tokenHash: hashSecret(token), prefix: token.slice(0, 9) } });
}, 120_000);

afterAll(async () => {
  await disconnectDb();
  if (testDbUrl) configureDatabase(testDbUrl);
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(`${dataDir}.json`, { force: true });
});

async function listServices() {
  const started = performance.now();
  const req = new NextRequest("http://localhost/api/v1/services", { headers: { authorization: `Bearer ${token}` } });
  const res = await servicesRoute.GET(req, { params: Promise.resolve({}) } as never);
  const body = (await res.json()) as { error?: { code: string } };
  return { status: res.status, retryAfter: res.headers.get("retry-after"), code: body.error?.code, ms: performance.now() - started };
}

async function until200(timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  let last = await listServices();
  while (last.status !== 200 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250));
    last = await listServices();
  }
  return last;
}

/** The postmaster and its backends (SIGSTOP on the postmaster alone leaves open connections answering). */
function serverPids(): number[] {
  const pid = Number(readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
  const children = execFileSync("ps", ["-o", "pid=", "--ppid", String(pid)], { encoding: "utf8" }).split("\n").map(Number).filter((n) => n > 0);
  return [pid, ...children];
}

const messages = (spy: { mock: { calls: unknown[][] } }) => spy.mock.calls.map((c) => c.at(-1)).filter((m): m is string => typeof m === "string" && m.startsWith("database"));

describe("while PostgreSQL is down", () => {
  it("the API answers 503 unavailable with Retry-After, then 200 once it is back, logging one line each way", async () => {
    expect((await listServices()).status).toBe(200);
    const errors = vi.spyOn(log, "error");
    const infos = vi.spyOn(log, "info");
    await server.stop();
    for (let i = 0; i < 5; i++) {
      const r = await listServices();
      expect(r).toMatchObject({ status: 503, code: "unavailable", retryAfter: "5" });
      expect(r.ms).toBeLessThan(5_000);
    }
    await start();
    expect((await until200(15_000)).status).toBe(200);
    // The outage watch notices within a second or two.
    await vi.waitFor(() => expect(messages(infos)).toContain("database reachable again"), { timeout: 5_000 });
    expect(messages(errors).filter((m) => m.startsWith("database unreachable"))).toHaveLength(1);
    errors.mockRestore();
    infos.mockRestore();
  }, 60_000);

  it("a hung PostgreSQL (SIGSTOP) answers 503 within seconds, and 200 after SIGCONT", async () => {
    expect((await until200(10_000)).status).toBe(200);
    const pids = serverPids();
    for (const pid of pids) process.kill(pid, "SIGSTOP");
    try {
      for (let i = 0; i < 2; i++) {
        const r = await listServices();
        expect(r).toMatchObject({ status: 503, code: "unavailable", retryAfter: "5" });
        expect(r.ms).toBeLessThan(5_000);
      }
    } finally {
      for (const pid of pids) process.kill(pid, "SIGCONT");
    }
    expect((await until200(15_000)).status).toBe(200);
  }, 60_000);
});
