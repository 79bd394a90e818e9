/**
 * A probe agent against the running app (issue 18): the CLI creates its token, an owner's API token
 * creates a check probed only from the agent's location, the bundled agent (run from a directory without
 * node_modules) probes it through the real agent routes, the check and the uptime API show the result,
 * and the team's tokens page lists the agent as online.
 */
import { execFile } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { baseUrl, insertToken, signedInBrowser } from "../helpers/app";
import { builtAgentBundle, startAgent, until, type RunningAgent } from "../helpers/agent-harness";
import { httpTarget, type TestTarget } from "../helpers/probe-targets";

const run = promisify(execFile);
const owner = signedInBrowser("owner@example.com");
let target: TestTarget;
let agent: RunningAgent | undefined;

beforeAll(async () => {
  target = await httpTarget("/", (_req, res) => res.writeHead(200).end("ok"));
});
afterAll(async () => {
  await agent?.stop("SIGKILL");
  await target.close();
});

describe("a probe agent against the app", () => {
  it("probes the check of its location; the check, the uptime API and the tokens page show it", async () => {
    const { stdout } = await run("npm", ["run", "-s", "preflight", "--", "agent-token", "create", "--team", "platform", "--location", "lab", "--name", "Lab agent"], {
      env: { ...process.env, DATABASE_URL: inject("appDbUrl") },
    });
    const agentToken = stdout.trim().split("\n").at(-1)!;
    expect(agentToken).toMatch(/^pfa_/);
    const { secret } = await insertToken({ teamSlug: "platform", email: "owner@example.com", role: "owner" });
    const api = (p: string, init: RequestInit = {}) =>
      fetch(`${baseUrl()}/api/v1${p}`, { ...init, headers: { authorization: `Bearer ${secret}`, "content-type": "application/json", ...init.headers } });

    const created = await api("/services/glasswork/checks", {
      method: "POST",
      body: JSON.stringify({ name: "lab only", url: `${target.url}lab`, locations: ["lab"], intervalSeconds: 10, timeoutMs: 2000, failuresBeforeDown: 1 }),
    });
    expect(created.status).toBe(201);
    const { check } = (await created.json()) as { check: { id: string; locations: string[]; downQuorum: number | null } };
    expect(check).toMatchObject({ locations: ["lab"], downQuorum: null });
    const mixed = await api("/services/glasswork/checks", { method: "POST", body: JSON.stringify({ url: `${target.url}x`, locations: ["lab", "lab"] }) });
    expect(mixed.status).toBe(422);

    agent = startAgent(builtAgentBundle(), ["--url", baseUrl(), "--token", agentToken, "--location", "lab", "--wait-seconds", "2"]);
    const seen = await until("the agent's probe on the check", async () => {
      const body = (await (await api(`/services/glasswork/checks/${check.id}`)).json()) as { check: { status: string; lastRunAt: string | null } };
      return body.check.lastRunAt ? body.check : null;
    });
    expect(seen.status).toBe("up");
    expect(target.hits.get("/lab")).toBeGreaterThanOrEqual(1);
    const uptime = (await (await api(`/services/glasswork/uptime?range=24h&check=${check.id}`)).json()) as { probes: number };
    expect(uptime.probes).toBeGreaterThanOrEqual(1);

    const page = await owner().newPage();
    await page.goto(`${baseUrl()}/teams/platform/tokens`);
    const row = page.getByRole("row", { name: /Lab agent/ });
    await row.getByText("Online").waitFor();
    const dir = path.join(process.cwd(), ".data", "screenshots");
    mkdirSync(dir, { recursive: true });
    await page.getByRole("heading", { name: "Probe agents" }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(dir, "agent-tokens.png"), fullPage: true });
    await page.close();

    expect(await agent.stop()).toBe(0);
    agent = undefined;
    expect((await api(`/services/glasswork/checks/${check.id}`, { method: "DELETE" })).status).toBe(204);
  });
});
