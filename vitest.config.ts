import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;

export default defineConfig({
  // `server-only` throws outside Next's react-server condition; under vitest it is the empty module it
  // is inside Next (docs/decisions/0016). The CLI and the launcher never load a module that imports it.
  resolve: { alias: { "@": root, "server-only": path.join(root, "node_modules/server-only/empty.js") } },
  test: {
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node" },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          globalSetup: [path.join(root, "tests/helpers/global-database.ts")],
          setupFiles: [path.join(root, "tests/helpers/isolated-database.ts")],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          globalSetup: [path.join(root, "tests/helpers/global-app.ts")],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 240_000,
        },
      },
      {
        // `npm run screenshots`: pictures of the pages for people to look at, not part of `npm test`.
        extends: true,
        test: {
          name: "screenshots",
          include: ["tests/screenshots/**/*.test.ts"],
          globalSetup: [path.join(root, "tests/helpers/global-app.ts")],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 240_000,
        },
      },
    ],
  },
});
