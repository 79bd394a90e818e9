import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

/*
 * House rules (docs/decisions/0016-conventions.md), enforced here; tests/unit/lint-rules.test.ts
 * lints fixtures against them so a rule that stops biting fails a test.
 *
 * In flat config a later block that sets a rule replaces its options for the files it matches, so each
 * file group below gets the whole list that applies to it, built from the pieces defined here.
 */

// ---- Database access --------------------------------------------------------------------------
// Prisma (`db`) for plain reads and writes. Raw SQL, through the raw pg pool (`sqlPool()`) or Prisma's
// `$queryRaw`/`$executeRaw`, only in these files: named for it (stores, queries, aggregates, lib/db/),
// or listed with the reason they need it. Raw statements on a transaction client (`tx.$queryRaw`:
// row locks, set-based updates inside a Prisma transaction) are allowed anywhere in lib/.
const RAW_SQL_FILES = [
  "lib/db.ts",
  "lib/db/**",
  "lib/**/store.ts",
  "lib/**/query.ts",
  "lib/**/aggregate.ts",
  // Decision 0005: the checklist write and the token lookup are prepared statements on the pg pool.
  "lib/checklists/items.ts",
  "lib/auth/actor.ts",
  // Decisions 0006/0008/0009: probe, rollup and threshold rounds are set-based SQL on the pg pool
  // (claims with SKIP LOCKED, bulk upserts, pruning), and the cron round hands them the pool.
  "lib/probes/**",
  "lib/uptime/**",
  "lib/thresholds/round.ts",
  "lib/thresholds/scrape.ts",
  "lib/cron/round.ts",
  // The demo seed writes 30 days of probe history in one transaction on a pool client.
  "lib/demo/**",
  // The board's tag counts and the rate limiter's atomic counter are one SQL statement each.
  "lib/services/board.ts",
  "lib/security/rate-limit.ts",
  // Decision 0024: alert events are written inside the transactions of the state changes (pg clients and
  // Prisma transactions alike), and deliveries are claimed with SKIP LOCKED like probes.
  "lib/alerts/**",
  // Agent claims use the probes' SKIP LOCKED lease; their results are written like a probe batch.
  "lib/agents/claims.ts",
  "lib/agents/offline.ts",
  "lib/agents/store.ts",
  "lib/agents/tokens.ts",
];
/** Named like a query module but about query strings, not SQL. */
const NOT_SQL = ["lib/http/**"];

const RAW_POOL_MESSAGE =
  "The raw pg pool is for the raw-SQL files listed in eslint.config.mjs (docs/decisions/0005, 0016): use `db` (Prisma), or put the SQL in a store/query module.";
/** `sqlPool` from lib/db, by alias or relative path. */
const noRawPool = { regex: "^(@/lib|\\.{1,2}(/\\.\\.)*(/lib)?)/db$", importNames: ["sqlPool"], message: RAW_POOL_MESSAGE };
/** `pg` itself: types anywhere in lib/, values only in lib/db (the pools, migrations, the embedded server). */
const noPgValues = { name: "pg", allowTypeImports: true, message: "Only lib/db.ts and lib/db/ open pg pools and clients; take a `Pool` as a parameter or use `db`." };
const PRISMA_RAW = {
  selector: "MemberExpression[object.name!='tx'][property.name=/^\\$(query|execute)Raw(Unsafe)?$/]",
  message: "Raw SQL through Prisma only in the raw-SQL files listed in eslint.config.mjs, or on a transaction client `tx` (docs/decisions/0016).",
};

// ---- Layers -----------------------------------------------------------------------------------
const LIB_NO_UI = {
  regex: "^(@/|(\\.\\./)+)(components|app)(/|$)",
  message: "lib/ never imports components/ or app/: move what both need into lib/ (docs/decisions/0016).",
};
// The lib/ modules that import "server-only" (found here, so the list cannot go stale): components/
// may import their types, never their values. Modules the CLI and the launcher also load do not
// import "server-only" (it throws outside Next's react-server condition); the lib/db rule covers those.
const root = import.meta.dirname;
const SERVER_ONLY_MODULES = readdirSync(path.join(root, "lib"), { recursive: true, encoding: "utf8" })
  .filter((f) => /\.tsx?$/.test(f) && !f.startsWith("generated"))
  .filter((f) => /^import "server-only";$/m.test(readFileSync(path.join(root, "lib", f), "utf8")))
  .map((f) => `@/lib/${f.replace(/\.tsx?$/, "").split(path.sep).join("/")}`);
const COMPONENT_NO_DB = [
  ...SERVER_ONLY_MODULES.map((name) => ({ name, allowTypeImports: true, message: `${name} is server-only: a component gets its data as props (docs/decisions/0016).` })),
  { name: "server-only", message: "A component that must stay on the server is a page or layout in app/; components/ get data as props." },
  { name: "@/lib/db", message: "components/ never touch the database: call a lib/ function (docs/decisions/0016)." },
  { name: "pg", message: "components/ never touch the database: call a lib/ function (docs/decisions/0016)." },
  { name: "@/lib/generated/prisma/client", allowTypeImports: true, message: "The Prisma client is server-only: import types, or enums from @/lib/generated/prisma/enums." },
];
const COMPONENT_PATTERNS = [
  { regex: "^(@/|(\\.\\./)+)lib/db(/|$)", message: "components/ never touch the database: call a lib/ function (docs/decisions/0016)." },
  // Server-action modules (`"use server"`, app/**/actions.ts or *-actions.ts) are the one thing from app/
  // a component may import: they cross to the client as references, not code.
  { regex: "^(@/|(\\.\\./)+)app/(?!(.*/)?([a-z-]+-)?actions$)", message: "components/ never import app/ (only its server-action modules): move shared code into lib/ (docs/decisions/0016)." },
];
const APP_NO_DB = [
  { name: "@/lib/db", message: "app/ does not query the database: call a lib/ function (docs/decisions/0016)." },
  { name: "pg", message: "app/ does not query the database: call a lib/ function (docs/decisions/0016)." },
];

// ---- Permissions -----------------------------------------------------------------------------
// Permission checks go through the permission module's functions (can, authorize, canInSomeTeam,
// requireService, …), which also apply a token's own role; `roleCan` stays inside lib/auth.
const NO_ROLE_CAN = {
  regex: "^(@/lib/auth|(\\.\\./)+(lib/)?auth)/permissions$",
  importNames: ["roleCan"],
  message: "roleCan is private to lib/auth: check with can(), authorize(), canInSomeTeam() or requireService() (docs/decisions/0016).",
};

// ---- Environment ------------------------------------------------------------------------------
const ENV_MESSAGE = "Only lib/env.ts reads process.env: add the variable to its schema and call env() (docs/decisions/0016).";
const ENV_READ = [
  { selector: "MemberExpression[object.name='process'][property.name='env']", message: ENV_MESSAGE },
  { selector: "VariableDeclarator[init.name='process'] > ObjectPattern > Property[key.name='env']", message: ENV_MESSAGE },
  { selector: "ImportDeclaration[source.value=/^(node:)?process$/] > ImportSpecifier[imported.name='env']", message: ENV_MESSAGE },
];
// Everywhere, scripts and tests included: a database is handed over with configureDatabase(url) from
// lib/db.ts, or as DATABASE_URL in the env object of a child process, never by assigning process.env.
const DB_URL_ASSIGN = [
  {
    selector: "AssignmentExpression[left.object.object.name='process'][left.object.property.name='env'][left.property.name='DATABASE_URL']",
    message: "Hand a database over with configureDatabase(url) (lib/db.ts), or in a child process's env object; never assign process.env.DATABASE_URL.",
  },
  {
    selector: "AssignmentExpression[left.object.object.name='process'][left.object.property.name='env'][left.property.value='DATABASE_URL']",
    message: "Hand a database over with configureDatabase(url) (lib/db.ts), or in a child process's env object; never assign process.env.DATABASE_URL.",
  },
];

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([".next/**", ".next-*/**", ".data/**", "lib/generated/**", "node_modules/**", "next-env.d.ts", "bench/results/**", "dist/**"]),
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-empty": ["error", { allowEmptyCatch: true }],
      "no-restricted-properties": [
        "error",
        { object: "NextResponse", property: "json", message: "Answer with jsonResponse() from lib/http/json.ts (cache policy, no gzip for small bodies)." },
        { object: "Response", property: "json", message: "Answer with jsonResponse() from lib/http/json.ts (cache policy, no gzip for small bodies)." },
      ],
      "no-restricted-syntax": ["error", ...DB_URL_ASSIGN, ...ENV_READ, PRISMA_RAW],
    },
  },
  // The raw-SQL files: raw SQL allowed, process.env still not.
  { files: RAW_SQL_FILES, ignores: NOT_SQL, rules: { "no-restricted-syntax": ["error", ...DB_URL_ASSIGN, ...ENV_READ] } },
  // lib/env.ts is the one reader of process.env.
  { files: ["lib/env.ts"], rules: { "no-restricted-syntax": ["error", ...DB_URL_ASSIGN, PRISMA_RAW] } },
  // Exceptions to "only lib/env.ts reads process.env" (the DATABASE_URL rule still applies):
  // - scripts/: the launcher and the CLI build the environment of what they start (load .env, generate
  //   dev secrets, set NODE_ENV and PORT for the Next child) and read DATABASE_URL to pick a database
  //   before lib/ runs;
  // - tests/: they set up the environment of the code under test and of child processes (TZ,
  //   CRON_SECRET, an external DATABASE_URL for the test cluster), and inspect the database with raw SQL;
  // - bench/: BENCH_* knobs are the benchmarks' own, not app configuration;
  // - instrumentation.ts reads NEXT_RUNTIME, which Next sets per runtime before lib/env.ts may load;
  // - next.config.js, prisma.config.ts, vitest.config.ts: tool configuration, read by the tools.
  {
    files: ["scripts/**", "tests/**", "bench/**", "instrumentation.ts", "next.config.js", "prisma.config.ts", "vitest.config.ts"],
    rules: { "no-restricted-syntax": ["error", ...DB_URL_ASSIGN] },
  },
  {
    files: ["components/**"],
    rules: { "@typescript-eslint/no-restricted-imports": ["error", { paths: COMPONENT_NO_DB, patterns: [...COMPONENT_PATTERNS, NO_ROLE_CAN] }] },
  },
  {
    files: ["app/**"],
    rules: { "@typescript-eslint/no-restricted-imports": ["error", { paths: APP_NO_DB, patterns: [NO_ROLE_CAN] }] },
  },
  {
    files: ["lib/**"],
    rules: { "@typescript-eslint/no-restricted-imports": ["error", { paths: [noPgValues], patterns: [LIB_NO_UI, noRawPool, NO_ROLE_CAN] }] },
  },
  {
    files: RAW_SQL_FILES,
    ignores: NOT_SQL,
    rules: { "@typescript-eslint/no-restricted-imports": ["error", { paths: [noPgValues], patterns: [LIB_NO_UI, NO_ROLE_CAN] }] },
  },
  {
    files: ["lib/db.ts", "lib/db/**"],
    rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns: [LIB_NO_UI, NO_ROLE_CAN] }] },
  },
]);
