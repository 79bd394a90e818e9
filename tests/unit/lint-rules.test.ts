/**
 * The house rules of eslint.config.mjs (docs/decisions/0016) bite: each fixture is linted with the
 * repo's own config, as `npm run lint` does, at a path where the rule applies, without the file
 * existing. A bad fixture must fail with the named rule; an allowed one must lint clean. Removing or
 * narrowing a rule makes its case here fail.
 */
import path from "node:path";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
let eslint: ESLint;

beforeAll(async () => {
  eslint = new ESLint({ cwd: root });
  // Loading the config and its plugins takes seconds on a busy machine: once, here.
  await eslint.lintText("export {};\n", { filePath: path.join(root, "lib/x/warm-up.ts") });
}, 120_000);

async function lint(filePath: string, code: string) {
  const results = await eslint.lintText(code, { filePath: path.join(root, filePath) });
  return results.flatMap((r) => r.messages).filter((m) => m.severity === 2).map((m) => ({ rule: m.ruleId, message: m.message }));
}

const IMPORTS = "@typescript-eslint/no-restricted-imports";
const SYNTAX = "no-restricted-syntax";

/** [where, code, rule expected to refuse it, a phrase of its message] */
const refused: [string, string, string, string][] = [
  // Database access and layers
  ["components/x/panel.tsx", `import { db } from "@/lib/db";\nexport const count = () => db.user.count();\n`, IMPORTS, "components/ never touch the database"],
  ["components/x/panel.tsx", `import { sqlPool } from "../../lib/db";\nexport { sqlPool };\n`, IMPORTS, "components/ never touch the database"],
  ["components/x/panel.tsx", `import pg from "pg";\nexport { pg };\n`, IMPORTS, "components/ never touch the database"],
  ["components/x/panel.tsx", `import { currentActor } from "@/lib/auth/request";\nexport { currentActor };\n`, IMPORTS, "is server-only"],
  ["components/x/panel.tsx", `import "server-only";\nexport const x = 1;\n`, IMPORTS, "components/ get data as props"],
  ["components/x/panel.tsx", `import { dynamic } from "@/app/teams/[slug]/page";\nexport { dynamic };\n`, IMPORTS, "components/ never import app/"],
  ["app/api/x/route.ts", `import { sqlPool } from "@/lib/db";\nexport const GET = () => sqlPool().query("SELECT 1");\n`, IMPORTS, "app/ does not query the database"],
  ["app/x/page.tsx", `import { db } from "@/lib/db";\nexport default async function Page() {\n  return <p>{await db.user.count()}</p>;\n}\n`, IMPORTS, "app/ does not query the database"],
  ["lib/x/things.ts", `import { sqlPool } from "@/lib/db";\nexport const n = () => sqlPool().query("SELECT 1");\n`, IMPORTS, "The raw pg pool"],
  ["lib/x/things.ts", `import { sqlPool } from "../db";\nexport { sqlPool };\n`, IMPORTS, "The raw pg pool"],
  ["lib/x/things.ts", `import pg from "pg";\nexport const pool = new pg.Pool();\n`, IMPORTS, "Only lib/db.ts and lib/db/"],
  ["lib/x/things.ts", `import { db } from "@/lib/db";\nexport const n = () => db.$queryRaw\`SELECT 1\`;\n`, SYNTAX, "Raw SQL through Prisma"],
  ["lib/x/things.ts", `import { Badge } from "@/components/ui/badge";\nexport { Badge };\n`, IMPORTS, "lib/ never imports components/ or app/"],
  ["lib/x/things.ts", `import { dynamic } from "../../app/teams/[slug]/page";\nexport { dynamic };\n`, IMPORTS, "lib/ never imports components/ or app/"],
  // Permissions
  ["app/x/page.tsx", `import { roleCan } from "@/lib/auth/permissions";\nexport const ok = roleCan("owner", "team:read");\n`, IMPORTS, "roleCan is private to lib/auth"],
  ["lib/x/things.ts", `import { roleCan } from "../auth/permissions";\nexport { roleCan };\n`, IMPORTS, "roleCan is private to lib/auth"],
  // Environment
  ["lib/x/things.ts", `export const port = process.env.PORT;\n`, SYNTAX, "Only lib/env.ts reads process.env"],
  ["lib/x/things.ts", `const { env } = process;\nexport const port = env.PORT;\n`, SYNTAX, "Only lib/env.ts reads process.env"],
  ["lib/x/things.ts", `import { env } from "node:process";\nexport const port = env.PORT;\n`, SYNTAX, "Only lib/env.ts reads process.env"],
  ["app/api/x/route.ts", `export const GET = () => new Response(process.env.CRON_SECRET);\n`, SYNTAX, "Only lib/env.ts reads process.env"],
  ["components/x/panel.tsx", `export const mode = process.env.NODE_ENV;\n`, SYNTAX, "Only lib/env.ts reads process.env"],
  ["scripts/x.ts", `process.env.DATABASE_URL = "postgres://x";\n`, SYNTAX, "configureDatabase(url)"],
  ["tests/helpers/x.ts", `process.env["DATABASE_URL"] = "postgres://x";\n`, SYNTAX, "configureDatabase(url)"],
];

/** [where, code]: allowed, so it lints clean. */
const allowed: [string, string][] = [
  ["components/x/panel.tsx", `import type { PublicItem } from "@/lib/checklists/items";\nimport type { SiteHeaderUser } from "@/lib/pages/header";\nexport type Both = [PublicItem, SiteHeaderUser];\n`],
  ["components/x/panel.tsx", `import { deleteCheckAction } from "@/app/services/[slug]/check-actions";\nimport { resyncAction } from "@/app/services/[slug]/actions";\nexport { deleteCheckAction, resyncAction };\n`],
  ["app/x/page.tsx", `import { listTeams } from "@/lib/teams/members";\nexport default async function Page() {\n  return <p>{(await listTeams([])).length}</p>;\n}\n`],
  ["lib/x/things.ts", `import type { Pool } from "pg";\nimport { db } from "@/lib/db";\nexport const n = (pool: Pool) => [pool, db.user.count()];\n`],
  ["lib/x/things.ts", `import { db } from "@/lib/db";\nexport const lock = () => db.$transaction((tx) => tx.$queryRaw\`SELECT 1 FOR UPDATE\`);\n`],
  ["lib/x/store.ts", `import { db, sqlPool } from "@/lib/db";\nexport const n = () => [sqlPool().query("SELECT 1"), db.$queryRaw\`SELECT 1\`];\n`],
  ["lib/x/query.ts", `import { sqlPool } from "@/lib/db";\nexport const n = () => sqlPool().query("SELECT 1");\n`],
  ["lib/checklists/items.ts", `import { sqlPool } from "@/lib/db";\nexport const n = () => sqlPool().query("SELECT 1");\n`],
  ["lib/db/x.ts", `import pg from "pg";\nexport const pool = new pg.Pool();\n`],
  ["app/x/page.tsx", `import { ROLES } from "@/lib/auth/permissions";\nexport const roles = ROLES;\n`],
  ["lib/auth/x.ts", `import { roleCan } from "./permissions";\nexport { roleCan };\n`],
  ["lib/env.ts", `export const port = process.env.PORT;\n`],
  ["scripts/x.ts", `export const token = process.env.PREFLIGHT_TOKEN;\nprocess.env.NEXTAUTH_URL ||= "http://localhost:3000";\n`],
  ["tests/helpers/x.ts", `import { sqlPool } from "@/lib/db";\nexport const child = { ...process.env, DATABASE_URL: "postgres://x" };\nexport { sqlPool };\n`],
];

describe("lint rules (eslint.config.mjs, docs/decisions/0016)", () => {
  it.each(refused)("refuses %s: %s", async (where, code, rule, phrase) => {
    const errors = await lint(where, code);
    expect(errors).toContainEqual({ rule, message: expect.stringContaining(phrase) });
  }, 30_000);

  it.each(allowed)("allows %s: %s", async (where, code) => {
    expect(await lint(where, code)).toEqual([]);
  }, 30_000);

  it("finds the server-only modules it keeps out of components/", async () => {
    // The list is built from the files that import "server-only"; an empty list would refuse nothing.
    for (const name of ["@/lib/auth/request", "@/lib/pages/header", "@/lib/services/lookup"]) {
      const errors = await lint("components/x/panel.tsx", `import { x } from "${name}";\nexport { x };\n`);
      expect(errors.map((e) => e.rule)).toContain(IMPORTS);
    }
  }, 30_000);
});
