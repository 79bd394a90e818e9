/**
 * The judgement of `npm test` (scripts/test-all.ts), as pure functions: what vitest's exit status and JSON
 * report, the skip allow-list and the tracked files before and after the run say about a run. No I/O here,
 * so tests/unit/test-verdict.test.ts can judge small fixture reports. See docs/decisions/0017.
 */

/** The parts of vitest's JSON report (`--reporter=json`) the verdict reads. */
export interface VitestReport {
  success: boolean;
  numTotalTestSuites: number;
  numFailedTestSuites: number;
  numTotalTests: number;
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults: {
    name: string;
    status: string;
    message?: string;
    assertionResults: { fullName: string; status: string; failureMessages?: string[] }[];
  }[];
}

/** One allowed skip: the test (its full name, describe titles and test title joined by spaces) in a file. */
export interface SkipEntry {
  file: string;
  test: string;
  reason: string;
}

export interface StageInput {
  stage: string;
  /** The exit status of vitest (null when it was killed by a signal). */
  exitStatus: number | null;
  signal?: string | null;
  /** The parsed JSON report, or undefined when vitest wrote none (or it was not JSON). */
  report: VitestReport | undefined;
  skips: SkipEntry[];
  /** Repository root: report paths are absolute, allow-list paths relative to it. */
  root: string;
}

export interface StageVerdict {
  stage: string;
  ok: boolean;
  passed: number;
  /** Failed tests, tests that never ran because their file failed, and every other failure of the stage. */
  failed: number;
  /** Skipped or todo tests that are on the allow-list, with the reason given there. */
  allowedSkips: SkipEntry[];
  reasons: string[];
}

const SKIPPED = new Set(["skipped", "pending", "todo", "disabled"]);

export function relativePath(file: string, root: string): string {
  const prefix = root.endsWith("/") ? root : `${root}/`;
  return file.startsWith(prefix) ? file.slice(prefix.length) : file;
}

const firstLine = (text: string | undefined) => (text ?? "").split("\n")[0]!.trim();

export function judgeStage({ stage, exitStatus, signal, report, skips, root }: StageInput): StageVerdict {
  const reasons: string[] = [];
  const allowedSkips: SkipEntry[] = [];
  let failed = 0;
  let passed = 0;
  const fail = (reason: string, count = 1) => {
    reasons.push(reason);
    failed += count;
  };

  if (!report) {
    fail(`${stage}: vitest wrote no JSON report (exit status ${exitStatus ?? signal})`);
    return { stage, ok: false, passed, failed, allowedSkips, reasons };
  }
  passed = report.numPassedTests;
  let fileFailures = 0;

  for (const file of report.testResults) {
    const rel = relativePath(file.name, root);
    const failedTests = file.assertionResults.filter((t) => t.status === "failed");
    for (const t of failedTests) fail(`${rel}: "${t.fullName}" failed: ${firstLine(t.failureMessages?.[0])}`);
    if (file.status === "failed" && failedTests.length === 0) {
      // Failed at import or in a hook: its tests never ran (vitest counts them as skipped, not failed).
      const notRun = file.assertionResults.filter((t) => t.status !== "passed").length;
      const what = file.assertionResults.length === 0 ? "none of its tests was even collected" : `${notRun} of its tests never ran`;
      fileFailures += 1;
      fail(`${rel} failed at import or in a hook: ${firstLine(file.message) || "no message"}; ${what}`, Math.max(1, notRun));
      continue;
    }
    for (const t of file.assertionResults) {
      if (!SKIPPED.has(t.status)) continue;
      const entry = skips.find((s) => s.file === rel && s.test === t.fullName);
      if (entry) allowedSkips.push(entry);
      else fail(`${rel}: "${t.fullName}" is ${t.status === "todo" ? "a todo" : "skipped"} without an entry in the skip allow-list`);
    }
  }
  if (report.numFailedTestSuites > 0 && fileFailures === 0 && failed === 0) {
    fail(`${stage}: vitest reports ${report.numFailedTestSuites} failed suite(s)`);
  }
  if (report.testResults.length === 0 || report.numTotalTests === 0) fail(`${stage}: ran no test at all`);
  if (!report.success && reasons.length === 0) fail(`${stage}: vitest's report says the run did not succeed`);
  if (exitStatus !== 0) {
    fail(`${stage}: vitest exited with ${exitStatus === null ? `signal ${signal}` : `status ${exitStatus}`}`);
  } else if (!report.success || report.numFailedTests > 0 || report.numFailedTestSuites > 0) {
    reasons.push(`${stage}: vitest exited 0 although its report lists a failure`);
  }
  return { stage, ok: reasons.length === 0, passed, failed, allowedSkips, reasons };
}

/** Tracked files as `git status --porcelain --untracked-files=no` lists them, with a hash of each dirty file's content. */
export type TreeSnapshot = Map<string, string>;

/** The tracked files whose state or content differs between the snapshots taken before and after the run. */
export function changedTrackedFiles(before: TreeSnapshot, after: TreeSnapshot): string[] {
  const paths = new Set([...before.keys(), ...after.keys()]);
  return [...paths].filter((p) => before.get(p) !== after.get(p)).sort();
}

export interface StepResult {
  title: string;
  ok: boolean;
  seconds: number;
  cpuSeconds?: number;
}

export interface RunVerdict {
  ok: boolean;
  passed: number;
  failed: number;
  allowedSkips: SkipEntry[];
  reasons: string[];
}

/** The whole run: every step and stage, plus the tracked files the run changed. */
export function judgeRun(steps: StepResult[], stages: StageVerdict[], changedFiles: string[]): RunVerdict {
  const reasons: string[] = [];
  let failed = 0;
  for (const s of steps) {
    if (!s.ok) {
      reasons.push(`${s.title} failed`);
      failed += 1;
    }
  }
  for (const s of stages) {
    reasons.push(...s.reasons);
    failed += s.failed;
  }
  if (changedFiles.length > 0) {
    reasons.push(`tracked files changed during the run: ${changedFiles.join(", ")} (running the tests must never edit the repository; or were they edited by hand meanwhile?)`);
    failed += 1;
  }
  return {
    ok: reasons.length === 0 && failed === 0,
    passed: stages.reduce((n, s) => n + s.passed, 0),
    failed,
    allowedSkips: stages.flatMap((s) => s.allowedSkips),
    reasons,
  };
}

/** Checks the allow-list file's shape; returns its entries or throws with what is wrong. */
export function parseSkips(value: unknown, source: string): SkipEntry[] {
  const list = (value as { skips?: unknown } | null)?.skips;
  if (!Array.isArray(list)) throw new Error(`${source}: expected {"skips": [{file, test, reason}, …]}`);
  return list.map((e: unknown, i) => {
    const { file, test, reason } = (e ?? {}) as Record<string, unknown>;
    if (typeof file !== "string" || typeof test !== "string" || typeof reason !== "string" || reason.trim() === "") {
      throw new Error(`${source}: entry ${i} needs a file, a test (its full name) and a reason`);
    }
    return { file, test, reason };
  });
}
