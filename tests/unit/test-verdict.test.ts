/** The judgement of `npm test` (scripts/lib/test-verdict.ts) on small fixture reports shaped like vitest's JSON report. */
import { describe, expect, it } from "vitest";
import { changedTrackedFiles, judgeRun, judgeStage, parseSkips, type VitestReport } from "@/scripts/lib/test-verdict";

const root = "/repo";
type Result = VitestReport["testResults"][number];
const file = (name: string, status: string, tests: [string, string][], message = ""): Result => ({
  name: `${root}/${name}`,
  status,
  message,
  assertionResults: tests.map(([fullName, s]) => ({ fullName, status: s, failureMessages: s === "failed" ? [`AssertionError: ${fullName}\n at …`] : [] })),
});
function report(results: Result[], over: Partial<VitestReport> = {}): VitestReport {
  const tests = results.flatMap((r) => r.assertionResults);
  const count = (s: string) => tests.filter((t) => t.status === s).length;
  return {
    success: results.length > 0 && results.every((r) => r.status === "passed"),
    numTotalTestSuites: results.length,
    numFailedTestSuites: results.filter((r) => r.status === "failed").length,
    numTotalTests: tests.length,
    numPassedTests: count("passed"),
    numFailedTests: count("failed"),
    numPendingTests: count("skipped"),
    numTodoTests: count("todo"),
    testResults: results,
    ...over,
  };
}
const judge = (r: VitestReport | undefined, exitStatus: number | null = 0, skips: { file: string; test: string; reason: string }[] = []) =>
  judgeStage({ stage: "integration", exitStatus, report: r, skips, root });

describe("judgeStage", () => {
  it("is green for a run where every test passed and vitest exited 0", () => {
    const v = judge(report([file("tests/a.test.ts", "passed", [["adds", "passed"], ["subtracts", "passed"]])]));
    expect(v).toMatchObject({ ok: true, passed: 2, failed: 0, reasons: [] });
  });

  it("is red for a file that failed in beforeAll while vitest exited 0 (the probes.test.ts case)", () => {
    const r = report([
      file("tests/ok.test.ts", "passed", [["fine", "passed"]]),
      file("tests/probes.test.ts", "failed", Array.from({ length: 8 }, (_, i): [string, string] => [`probe ${i}`, "skipped"]), "connect ECONNREFUSED"),
    ]);
    const v = judge(r, 0);
    expect(v.ok).toBe(false);
    expect(v.failed).toBe(8);
    expect(v.reasons).toEqual([
      "tests/probes.test.ts failed at import or in a hook: connect ECONNREFUSED; 8 of its tests never ran",
      "integration: vitest exited 0 although its report lists a failure",
    ]);
  });

  it("is red for a file that failed to import (no test collected)", () => {
    const v = judge(report([file("tests/ok.test.ts", "passed", [["fine", "passed"]]), file("tests/x.test.ts", "failed", [], "Cannot find module './gone'")]), 1);
    expect(v.ok).toBe(false);
    expect(v.failed).toBe(2);
    expect(v.reasons[0]).toBe("tests/x.test.ts failed at import or in a hook: Cannot find module './gone'; none of its tests was even collected");
  });

  it("is red for a failed suite the file list does not show, and for success: false alone", () => {
    const passingFile = [file("tests/a.test.ts", "passed", [["a", "passed"]])];
    expect(judge(report(passingFile, { numFailedTestSuites: 1 })).reasons).toContain("integration: vitest reports 1 failed suite(s)");
    expect(judge(report(passingFile, { success: false })).reasons).toContain("integration: vitest's report says the run did not succeed");
  });

  it("is red for a stage that ran no test, with or without a file", () => {
    expect(judge(report([]), 1).reasons).toContain("integration: ran no test at all");
    expect(judge(report([], { success: true }), 0).ok).toBe(false);
    expect(judge(report([file("tests/empty.test.ts", "passed", [])]), 0).reasons).toContain("integration: ran no test at all");
  });

  it("is red for a missing report and for a non-zero exit with a clean report", () => {
    expect(judge(undefined, 1)).toMatchObject({ ok: false, failed: 1, reasons: ["integration: vitest wrote no JSON report (exit status 1)"] });
    const v = judgeStage({ stage: "e2e", exitStatus: null, signal: "SIGKILL", report: report([file("tests/a.test.ts", "passed", [["a", "passed"]])]), skips: [], root });
    expect(v.reasons).toEqual(["e2e: vitest exited with signal SIGKILL"]);
  });

  it("counts failed tests with their first message line", () => {
    const v = judge(report([file("tests/a.test.ts", "failed", [["works", "failed"], ["other", "passed"]])]), 1);
    expect(v).toMatchObject({ ok: false, passed: 1, failed: 2 });
    expect(v.reasons[0]).toBe('tests/a.test.ts: "works" failed: AssertionError: works');
  });

  it("allows a skip or todo only with an entry for that file and test, and reports the reason", () => {
    const r = report([file("tests/a.test.ts", "passed", [["ok", "passed"], ["later", "skipped"], ["someday", "todo"]])]);
    const entry = { file: "tests/a.test.ts", test: "later", reason: "needs an SMTP server" };
    const v = judge(r, 0, [entry, { file: "tests/b.test.ts", test: "someday", reason: "another file" }]);
    expect(v.ok).toBe(false);
    expect(v.reasons).toEqual(['tests/a.test.ts: "someday" is a todo without an entry in the skip allow-list']);
    expect(v.allowedSkips).toEqual([entry]);
    const listed = judge(r, 0, [entry, { file: "tests/a.test.ts", test: "someday", reason: "planned in issue #12" }]);
    expect(listed).toMatchObject({ ok: true, passed: 1, failed: 0 });
    expect(listed.allowedSkips).toHaveLength(2);
  });
});

describe("judgeRun", () => {
  const green = judge(report([file("tests/a.test.ts", "passed", [["a", "passed"]])]));
  it("is green only when every step, every stage and the working tree are", () => {
    expect(judgeRun([{ title: "lint", ok: true, seconds: 1 }], [green], [])).toMatchObject({ ok: true, passed: 1, failed: 0 });
    const lint = judgeRun([{ title: "lint", ok: false, seconds: 1 }], [green], []);
    expect(lint).toMatchObject({ ok: false, failed: 1, reasons: ["lint failed"] });
  });

  it("is red and names the files when the run changed tracked files", () => {
    const v = judgeRun([], [green], ["tsconfig.json"]);
    expect(v.ok).toBe(false);
    expect(v.failed).toBe(1);
    expect(v.reasons[0]).toMatch(/^tracked files changed during the run: tsconfig.json \(running the tests must never edit the repository/);
  });
});

describe("changedTrackedFiles", () => {
  it("names files that became dirty, became clean, or changed again while already dirty", () => {
    const before = new Map([["README.md", " M aaa"], ["lib/x.ts", " M bbb"]]);
    const after = new Map([["README.md", " M aaa"], ["lib/x.ts", " M ccc"], ["tsconfig.json", " M ddd"]]);
    expect(changedTrackedFiles(before, after)).toEqual(["lib/x.ts", "tsconfig.json"]);
    expect(changedTrackedFiles(before, new Map([["README.md", " M aaa"]]))).toEqual(["lib/x.ts"]);
    expect(changedTrackedFiles(before, before)).toEqual([]);
  });
});

describe("parseSkips", () => {
  it("needs a file, a test and a non-empty reason for every entry", () => {
    expect(parseSkips({ skips: [{ file: "a", test: "b", reason: "c" }] }, "skips.json")).toEqual([{ file: "a", test: "b", reason: "c" }]);
    expect(() => parseSkips({ skips: [{ file: "a", test: "b", reason: " " }] }, "skips.json")).toThrow(/entry 0 needs a file, a test \(its full name\) and a reason/);
    expect(() => parseSkips([], "skips.json")).toThrow(/expected/);
  });
});
