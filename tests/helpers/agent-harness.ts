/**
 * Probe agents in tests: Preflight's agent routes served over plain HTTP from the test process (the
 * route handlers themselves, with the test's database), and agent processes started from the built
 * bundle (dist/preflight-agent.mjs) copied into a directory without node_modules.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { copyFileSync, mkdtempSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { NextRequest } from "next/server";
import * as claims from "@/app/api/v1/agent/claims/route";
import * as results from "@/app/api/v1/agent/results/route";

const ROUTES: Record<string, typeof claims.POST> = { "/api/v1/agent/claims": claims.POST, "/api/v1/agent/results": results.POST };

export async function agentApiServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const handler = ROUTES[req.url ?? ""];
      if (!handler || req.method !== "POST") {
        res.writeHead(404).end();
        return;
      }
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
      const request = new NextRequest(`http://127.0.0.1${req.url}`, { method: "POST", headers, body: Buffer.concat(chunks) });
      void handler(request, { params: Promise.resolve({}) }).then(async (answer) => {
        res.writeHead(answer.status, { "content-type": "application/json" });
        res.end(Buffer.from(await answer.arrayBuffer()));
      });
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

/** Builds the bundle (npm run build:agent) and copies it alone into a fresh directory. */
export function builtAgentBundle(): string {
  execFileSync(process.execPath, ["--import", "tsx", "scripts/agent/build.ts"], { stdio: "pipe" });
  const dir = mkdtempSync(path.join(os.tmpdir(), "preflight-agent-"));
  const file = path.join(dir, "preflight-agent.mjs");
  copyFileSync(path.join(process.cwd(), "dist", "preflight-agent.mjs"), file);
  return file;
}

export interface RunningAgent {
  child: ChildProcess;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export function startAgent(bundle: string, args: string[]): RunningAgent {
  const child = spawn(process.execPath, [bundle, ...args], { cwd: path.dirname(bundle), env: { PATH: process.env.PATH ?? "", NODE_ENV: "production" }, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout!.on("data", (c: Buffer) => (out += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | null>((r) => child.on("exit", (code: number | null) => r(code)));
  return {
    child,
    output: () => out,
    stop: async (signal = "SIGTERM") => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

export async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
