/**
 * The single-file deploy gate (docs/ci-gate.md): built from source here with `npm run build:gate` (dist/
 * is not committed, so it cannot go stale), copied alone into an empty temporary directory — no
 * node_modules there or above it — and run with plain `node` against the readiness route served over
 * HTTP: exit 0 for a ready service, 1 for one that is not (blockers printed), 2 for a bad token, an
 * unreachable server and bad usage.
 */
import { execFile, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import * as readiness from "@/app/api/v1/services/[slug]/readiness/route";
import { makeMember, makeTeam, tokenFor } from "../helpers/actors";

let dir = "";
let server: Server;
let url = "";
let token = "";
const READY = "gate-ready";
const NOT_READY = "gate-not-ready";

/** The readiness route behind a real HTTP server: the script's fetch goes over the network as in CI. */
function serve(): Promise<Server> {
  const s = createServer((req, res) => {
    const match = /^\/api\/v1\/services\/([^/?]+)\/readiness(\?.*)?$/.exec(req.url ?? "");
    const answer = match
      ? readiness.GET(new NextRequest(new URL(req.url!, "http://localhost"), { headers: req.headers as Record<string, string> }), { params: Promise.resolve({ slug: decodeURIComponent(match[1]!) }) })
      : Promise.resolve(new Response('{"error":{"code":"not_found","message":"There is no such API endpoint."}}', { status: 404 }));
    void answer.then(async (r) => {
      res.writeHead(r.status, Object.fromEntries(r.headers));
      res.end(Buffer.from(await r.arrayBuffer()));
    });
  });
  return new Promise((resolve) => s.listen(0, "127.0.0.1", () => resolve(s)));
}

function gate(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // Nothing of this checkout's environment (no NODE_OPTIONS, NODE_PATH or tsx loader): PATH and NODE_ENV only.
    const childEnv = { PATH: process.env.PATH ?? "", NODE_ENV: "production" as const, ...env };
    execFile(process.execPath, [path.join(dir, "preflight-gate.mjs"), ...args], { cwd: dir, env: childEnv, encoding: "utf8" }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === "number" ? err.code : -1) : 0, stdout, stderr });
    });
  });
}

beforeAll(async () => {
  const built = spawnSync("npm", ["run", "--silent", "build:gate"], { cwd: process.cwd(), encoding: "utf8" });
  expect(built.status, built.stderr).toBe(0);
  dir = mkdtempSync(path.join(tmpdir(), "preflight-gate-"));
  copyFileSync(path.join(process.cwd(), "dist", "preflight-gate.mjs"), path.join(dir, "preflight-gate.mjs"));

  const team = await makeTeam();
  const owner = await makeMember(team.id, "owner");
  token = await tokenFor(team.id, owner.userId, "viewer");
  const item = (serviceId: string, state: "done" | "open") => ({ serviceId, key: "backups", title: "Automated backups", severity: "critical" as const, state, position: 0, sectionKey: "ops", sectionTitle: "Ops" });
  const ready = await db.service.create({ data: { teamId: team.id, slug: READY, name: "Ready", tier: 3 } });
  const notReady = await db.service.create({ data: { teamId: team.id, slug: NOT_READY, name: "Not ready", tier: 3 } });
  await db.serviceChecklistItem.createMany({ data: [item(ready.id, "done"), item(notReady.id, "open")] });
  server = await serve();
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("dist/preflight-gate.mjs on plain node, alone in a directory", () => {
  it("is one file that imports nothing but node's built-ins, with no node_modules around it", () => {
    for (let d = dir; ; d = path.dirname(d)) {
      expect(existsSync(path.join(d, "node_modules")), `${d}/node_modules`).toBe(false);
      if (path.dirname(d) === d) break;
    }
    const source = readFileSync(path.join(dir, "preflight-gate.mjs"), "utf8");
    const imports = [...source.matchAll(/(?:^|\n)\s*import\s[^"']*["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']|\brequire\(\s*["']([^"']+)["']/g)].map((m) => m[1] ?? m[2] ?? m[3]);
    expect(imports.length).toBeGreaterThan(0);
    for (const specifier of imports) expect(specifier).toMatch(/^node:/);
  });

  it("exits 0 for a ready service", async () => {
    const r = await gate([READY, "--url", url, "--token", token]);
    expect(r).toMatchObject({ code: 0, stderr: "" });
    expect(r.stdout).toContain(`✓ ${READY} is ready for production`);
  });

  it("exits 1 for a service that is not ready, with its blockers; the token may come from PREFLIGHT_TOKEN", async () => {
    const r = await gate([NOT_READY, "--url", `${url}/`], { PREFLIGHT_TOKEN: token });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`✗ ${NOT_READY} is not ready (not-ready, score 0). Blockers:`);
    expect(r.stdout).toContain("Automated backups");
  });

  it("exits 2 for a bad token, an unknown service, an unreachable server and bad usage", async () => {
    const badToken = await gate([READY, "--url", url, "--token", "pf_not-a-token"]);
    expect(badToken.code).toBe(2);
    expect(badToken.stderr).toMatch(/^error: Preflight answered 401: /);
    expect((await gate(["no-such-service", "--url", url, "--token", token])).code).toBe(2);
    const closed = await new Promise<number>((resolve) => {
      const s = createServer();
      s.listen(0, "127.0.0.1", () => {
        const port = (s.address() as AddressInfo).port;
        s.close(() => resolve(port));
      });
    });
    const unreachable = await gate([READY, "--url", `http://127.0.0.1:${closed}`, "--token", token]);
    expect(unreachable.code).toBe(2);
    expect(unreachable.stderr).toContain("could not reach http://127.0.0.1");
    for (const args of [[], [READY, "--url", url], [READY, "--token", token], [READY, "--url", url, "--token", token, "--bogus"], ["--help"]]) {
      const usage = await gate(args);
      expect(usage.code, args.join(" ")).toBe(2);
      expect(usage.stderr).toContain("usage: node preflight-gate.mjs <service-slug> --url");
    }
  });
});
