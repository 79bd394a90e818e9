/**
 * A vitest reporter for `npm test`: writes, for every test file, how long it took (environment, setup file,
 * import and tests with their hooks) to the JSON file named by PREFLIGHT_FILE_TIMES. The standard JSON
 * report only spans the tests themselves, so a slow beforeAll or setup file would not show there.
 */
import { writeFileSync } from "node:fs";
import type { Reporter, TestModule } from "vitest/node";

export interface FileTime {
  file: string;
  project: string;
  /** Wall-clock milliseconds the file held a worker: environment, setup files, import, tests and hooks. */
  ms: number;
}

export default class FileTimesReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>) {
    const out = process.env.PREFLIGHT_FILE_TIMES;
    if (!out) return;
    const times: FileTime[] = testModules.map((m) => {
      const d = m.diagnostic();
      return {
        file: m.moduleId,
        project: m.project.name,
        ms: Math.round(d.environmentSetupDuration + d.prepareDuration + d.setupDuration + d.collectDuration + d.duration),
      };
    });
    writeFileSync(out, JSON.stringify(times, null, 1));
  }
}
