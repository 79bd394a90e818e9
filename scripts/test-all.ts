/**
 * `npm test`: lint, type check, then unit, integration and end-to-end tests (each stage one vitest run).
 * The verdict (scripts/lib/test-verdict.ts) reads each stage's exit status AND its JSON report: a file that
 * fails to import or in a hook, a stage that ran no test, a skip without an entry in tests/skips.json, or a
 * tracked file the run changed makes it red. Ends with the stage times, the ten slowest test files, the
 * skips and why they are allowed, and one plain line "N passed, N failed" (CI parses exactly that).
 *
 *   npm test [-- <stage> …]                          stages: lint, typecheck, unit, integration, e2e
 *   tsx scripts/test-all.ts --config <vitest config> [--skips <file>] [--out <dir>] <project> …
 *                                                    a vitest config's projects as stages (the runner's own tests)
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { FileTime } from "./lib/file-times-reporter";
import {
  changedTrackedFiles,
  judgeRun,
  judgeStage,
  parseSkips,
  relativePath,
  type StageVerdict,
  type StepResult,
  type TreeSnapshot,
  type VitestReport,
} from "./lib/test-verdict";

const root = process.cwd();
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);

const argv = process.argv.slice(2);
function option(name: string): string | undefined {
  const i = argv.indexOf(name);
  if (i === -1) return undefined;
  const [value] = argv.splice(i, 2).slice(1);
  if (!value) throw new Error(`${name} needs a value`);
  return value;
}
const config = option("--config");
const skipsFile = option("--skips") ?? (config ? undefined : "tests/skips.json");
const outOption = option("--out");
const outDir = outOption ?? (config ? mkdtempSync(path.join(os.tmpdir(), "preflight-runner-")) : path.join(root, ".data", "test-results"));
const only = argv;
const want = (s: string) => only.length === 0 || only.includes(s);

rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });

// The Prisma CLI would try to download a native engine it never uses for `generate` (docs/decisions/0002).
const env = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: "/bin/false" };

const steps: StepResult[] = [];
const stages: StageVerdict[] = [];
const fileTimes: FileTime[] = [];
const skips = skipsFile ? parseSkips(JSON.parse(readFileSync(path.resolve(root, skipsFile), "utf8")), skipsFile) : [];

/** git's view of the tracked files, with a hash of each changed file's content (a file already dirty may change again). */
function treeSnapshot(): TreeSnapshot | undefined {
  const r = spawnSync("git", ["status", "--porcelain", "--untracked-files=no", "-z"], { cwd: root, encoding: "utf8" });
  if (r.status !== 0) return undefined;
  const snapshot: TreeSnapshot = new Map();
  for (const entry of r.stdout.split("\0").filter(Boolean)) {
    const file = entry.slice(3);
    const content = existsSync(path.join(root, file)) ? createHash("sha1").update(readFileSync(path.join(root, file))).digest("hex") : "deleted";
    snapshot.set(file, `${entry.slice(0, 2)} ${content}`);
  }
  return snapshot;
}

/**
 * CPU seconds used so far by the finished children of this process and their waited-for descendants
 * (Linux /proc; undefined elsewhere). On a shared machine it varies less with load than wall time does.
 */
function childCpuSeconds(): number | undefined {
  try {
    const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[13]) + Number(fields[14])) / 100; // cutime + cstime, in clock ticks (USER_HZ = 100)
  } catch {
    return undefined;
  }
}
const cpuSince = (start: number | undefined) => {
  const now = childCpuSeconds();
  return start === undefined || now === undefined ? undefined : now - start;
};

function step(title: string, cmd: string, args: string[]) {
  console.log(`\n▶ ${title}`);
  const started = Date.now();
  const cpu = childCpuSeconds();
  const r = spawnSync(cmd, args, { stdio: "inherit", env });
  const result = { title, ok: r.status === 0, seconds: (Date.now() - started) / 1000, cpuSeconds: cpuSince(cpu) };
  console.log(`  ${result.ok ? "✓" : "✗"} ${title} (${result.seconds.toFixed(1)} s)`);
  steps.push(result);
  return result;
}

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as T;
  } catch {
    return undefined;
  }
}

function vitest(stage: string, title: string) {
  const json = path.join(outDir, `${stage}.json`);
  const times = path.join(outDir, `${stage}.file-times.json`);
  const args = [
    "run",
    ...(config ? ["--config", config] : []),
    "--project",
    stage,
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${json}`,
    `--reporter=${path.join(import.meta.dirname, "lib", "file-times-reporter.ts")}`,
  ];
  console.log(`\n▶ ${title}`);
  const started = Date.now();
  const cpu = childCpuSeconds();
  const r = spawnSync(bin("vitest"), args, { stdio: "inherit", env: { ...env, PREFLIGHT_FILE_TIMES: times } });
  const seconds = (Date.now() - started) / 1000;
  const verdict = judgeStage({ stage, exitStatus: r.status, signal: r.signal, report: readJson<VitestReport>(json), skips, root });
  fileTimes.push(...(readJson<FileTime[]>(times) ?? []));
  console.log(`  ${verdict.ok ? "✓" : "✗"} ${title} (${seconds.toFixed(1)} s)`);
  steps.push({ title, ok: true, seconds, cpuSeconds: cpuSince(cpu) }); // its verdict is in `stages`
  stages.push(verdict);
}

const before = config ? undefined : treeSnapshot();

if (config) {
  for (const project of only) vitest(project, `vitest project ${project}`);
} else {
  if (want("lint")) step("lint (eslint)", bin("eslint"), ["--max-warnings=0", "."]);
  if (want("typecheck")) {
    step("prisma generate", bin("prisma"), ["generate"]);
    step("typecheck (tsc)", bin("tsc"), ["--noEmit"]);
  }
  if (want("unit")) vitest("unit", "unit tests");
  if (want("integration")) vitest("integration", "integration tests (PostgreSQL)");
  if (want("e2e")) vitest("e2e", "end-to-end tests (Chromium)");
}

const after = before ? treeSnapshot() : undefined;
const changed = before && after ? changedTrackedFiles(before, after) : [];
const verdict = judgeRun(steps, stages, changed);

const cpuText = (s: number | undefined) => (s === undefined ? "" : ` (CPU ${s.toFixed(0)} s)`);
console.log("\nStage times (wall clock, and CPU used by the stage's processes):");
for (const s of steps) console.log(`  ${s.seconds.toFixed(1).padStart(7)} s  ${s.title}${cpuText(s.cpuSeconds)}`);
const allCpu = steps.every((s) => s.cpuSeconds !== undefined) ? steps.reduce((t, s) => t + s.cpuSeconds!, 0) : undefined;
console.log(`  ${steps.reduce((t, s) => t + s.seconds, 0).toFixed(1).padStart(7)} s  in all${cpuText(allCpu)}`);
if (fileTimes.length > 0) {
  console.log("\nTen slowest test files (environment, setup, import, tests and hooks):");
  for (const f of [...fileTimes].sort((a, b) => b.ms - a.ms).slice(0, 10)) {
    console.log(`  ${(f.ms / 1000).toFixed(1).padStart(7)} s  ${relativePath(f.file, root)} (${f.project})`);
  }
}
console.log(`\n${verdict.allowedSkips.length} skipped: a test may be skipped only with an entry and its reason in ${skipsFile ?? "the skip allow-list"}.`);
for (const s of verdict.allowedSkips) console.log(`  - ${s.file}: "${s.test}": ${s.reason}`);
if (verdict.ok) {
  console.log("\n✓ Verdict: green. All checks passed.");
} else {
  console.log("\n✗ Verdict: red. Some checks failed:");
  for (const r of verdict.reasons) console.log(`  - ${r}`);
}
console.log(`${verdict.passed} passed, ${verdict.failed} failed`);
if (config && !outOption) rmSync(outDir, { recursive: true, force: true });
process.exit(verdict.ok ? 0 : 1);
