/**
 * `npm test`: lint, type check, then unit + integration tests, then end-to-end tests in Chromium.
 * Ends with one plain summary line ("N passed, N failed") over every vitest test.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";

const bin = (name: string) => path.join(process.cwd(), "node_modules", ".bin", name);
const outDir = path.join(process.cwd(), ".data", "test-results");
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });

let passed = 0;
let failed = 0;
let ok = true;

// The Prisma CLI would try to download a native engine it never uses for `generate` (docs/decisions/0002).
const env = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: "/bin/false" };

/** Runs one step; `judge` may overrule a zero exit code (a vitest report that lists a failed test). */
function step(title: string, cmd: string, args: string[], judge: (exitOk: boolean) => boolean = (exitOk) => exitOk) {
  console.log(`\n▶ ${title}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: "inherit", env });
  const passedStep = judge(r.status === 0);
  console.log(`  ${passedStep ? "✓" : "✗"} ${title} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  if (!passedStep) ok = false;
  return passedStep;
}

function vitest(title: string, projects: string[], file: string) {
  const json = path.join(outDir, file);
  const args = ["run", ...projects.flatMap((p) => ["--project", p]), "--reporter=default", "--reporter=json", `--outputFile.json=${json}`];
  step(title, bin("vitest"), args, (exitOk) => {
    if (!existsSync(json)) {
      failed += 1;
      return false;
    }
    const r = JSON.parse(readFileSync(json, "utf8")) as { numPassedTests: number; numFailedTests: number };
    passed += r.numPassedTests;
    failed += r.numFailedTests;
    return exitOk && r.numFailedTests === 0;
  });
}

const only = process.argv.slice(2);
const want = (s: string) => only.length === 0 || only.includes(s);

if (want("lint")) step("lint (eslint)", bin("eslint"), ["--max-warnings=0", "."]);
if (want("typecheck")) {
  step("prisma generate", bin("prisma"), ["generate"]);
  step("typecheck (tsc)", bin("tsc"), ["--noEmit"]);
}
if (want("unit") || want("integration")) {
  vitest("unit and integration tests", ["unit", "integration"].filter(want), "unit-integration.json");
}
if (want("e2e")) vitest("end-to-end tests (Chromium)", ["e2e"], "e2e.json");

console.log(`\n${ok ? "All checks passed." : "Some checks failed."}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(ok && failed === 0 ? 0 : 1);
