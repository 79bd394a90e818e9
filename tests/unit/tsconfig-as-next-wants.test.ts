/**
 * `next dev` and `next build` rewrite tsconfig.json when it lacks what they want (the type folders of their
 * build folder): the tracked file holds it already, so running the app or the tests never edits the
 * repository (npm test also fails on any tracked file changed by the run). Runs Next's own routine on a copy.
 */
import { copyFileSync, mkdtempSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const { writeConfigurationDefaults } = require("next/dist/lib/typescript/writeConfigurationDefaults.js") as {
  writeConfigurationDefaults: (tsVersion: string, tsConfigPath: string, firstTime: boolean, hasAppDir: boolean, distDir: string, hasPagesDir: boolean, strictRouteTypes: boolean) => Promise<void>;
};
const { version: tsVersion } = require("typescript/package.json") as { version: string };

// Every build folder a Next process of this project uses: next.config.js's default, tests/e2e/launcher.test.ts's and tests/e2e/dev-host.test.ts's.
const distDirs = [".next", ".next-launcher-test", ".next-launcher-external", ".next-dev-host"];
const nodeEnv = process.env.NODE_ENV;

describe("tsconfig.json", () => {
  afterEach(() => {
    (process.env as Record<string, string | undefined>).NODE_ENV = nodeEnv;
  });

  for (const mode of ["development", "production"] as const) {
    it(`is already what next ${mode === "development" ? "dev" : "build"} would write, for every build folder`, async () => {
      const copy = path.join(mkdtempSync(path.join(os.tmpdir(), "preflight-tsconfig-")), "tsconfig.json");
      copyFileSync("tsconfig.json", copy);
      (process.env as Record<string, string>).NODE_ENV = mode;
      const log = console.log;
      console.log = () => {};
      try {
        for (const dir of distDirs) for (const d of mode === "development" ? [dir, `${dir}/dev`] : [dir]) {
          await writeConfigurationDefaults(tsVersion, copy, false, true, d, false, false);
        }
      } finally {
        console.log = log;
      }
      expect(readFileSync(copy, "utf8")).toBe(readFileSync("tsconfig.json", "utf8"));
    });
  }
});
