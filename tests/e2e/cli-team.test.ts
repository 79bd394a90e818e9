/**
 * `npm run preflight -- team create|list` on a fresh database (no demo data), then `token create` for the
 * new team, and the bad input that must exit non-zero with one line and write nothing.
 */
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { promisify } from "node:util";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { sqlOn } from "../helpers/app";
import { dropDatabase, freshDatabase } from "../helpers/test-cluster";

const run = promisify(execFile);
const DB = `preflight_cli_${randomBytes(4).toString("hex")}`;
let dbUrl = "";

const sql = <T extends pg.QueryResultRow>(text: string, params: unknown[] = []) => sqlOn<T>(dbUrl, text, params);

function preflight(...args: string[]) {
  return run("npm", ["run", "-s", "preflight", "--", ...args], { env: { ...process.env, DATABASE_URL: dbUrl } });
}

/** The one-line reason of a refused command (npm's own lines filtered out). */
async function refusal(...args: string[]): Promise<string> {
  const err = (await preflight(...args).then(
    () => null,
    (e: unknown) => e,
  )) as { code: number; stderr: string } | null;
  expect(err, `${args.join(" ")} should fail`).not.toBeNull();
  expect(err!.code).not.toBe(0);
  const lines = err!.stderr.split("\n").filter((l) => l.startsWith("error: "));
  expect(lines).toHaveLength(1);
  return lines[0]!;
}

beforeAll(async () => {
  dbUrl = await freshDatabase(inject("adminUrl"), DB);
  await run("npm", ["run", "-s", "db:migrate"], { env: { ...process.env, DATABASE_URL: dbUrl } });
  // The owner signed in once (an admin in PREFLIGHT_ADMIN_EMAILS may, without a team).
  await sql(`INSERT INTO "User" (id, email) VALUES ('u_ops_owner', 'ops.owner@example.com')`);
});

afterAll(async () => {
  await dropDatabase(inject("adminUrl"), DB).catch(() => undefined);
});

describe("npm run preflight -- team", () => {
  it("team create prints the slug; token create then works for that team; team list shows it", async () => {
    expect(await sql(`SELECT 1 FROM "Team"`)).toEqual([]);
    const { stdout } = await preflight("team", "create", "--name", "Payments Ops", "--owner", "Ops.Owner@example.com");
    expect(stdout.trim()).toBe("payments-ops");
    const members = await sql<{ email: string; role: string }>(
      `SELECT u.email, m.role::text FROM "Membership" m JOIN "User" u ON u.id = m."userId" JOIN "Team" t ON t.id = m."teamId" WHERE t.slug = 'payments-ops'`,
    );
    expect(members).toEqual([{ email: "ops.owner@example.com", role: "owner" }]);
    const audit = await sql<{ action: string; via: string; actorEmail: string }>(`SELECT action, via::text, "actorEmail" FROM "AuditEvent"`);
    expect(audit).toEqual([{ action: "team.create", via: "system", actorEmail: "cli" }]);

    const token = await preflight("token", "create", "--email", "ops.owner@example.com", "--team", "payments-ops");
    expect(token.stdout.trim().split("\n").at(-1)).toMatch(/^pf_[A-Za-z0-9_-]{40,}$/);

    const withSlug = await preflight("team", "create", "--name", "Billing", "--slug", "billing-eu", "--owner", "ops.owner@example.com");
    expect(withSlug.stdout.trim()).toBe("billing-eu");
    const list = await preflight("team", "list");
    expect(list.stdout.trim().split("\n").map((l) => l.split("\t").slice(0, 2))).toEqual([
      ["billing-eu", "Billing"],
      ["payments-ops", "Payments Ops"],
    ]);
  });

  it("bad input exits non-zero with a one-line reason and writes nothing", async () => {
    const before = await sql<{ teams: number; events: number; users: number }>(
      `SELECT (SELECT count(*)::int FROM "Team") AS teams, (SELECT count(*)::int FROM "AuditEvent") AS events, (SELECT count(*)::int FROM "User") AS users`,
    );
    expect(await refusal("team", "create", "--name", "Payments Ops", "--owner", "ops.owner@example.com")).toMatch(/slug "payments-ops" already exists/);
    expect(await refusal("team", "create", "--name", "Fresh", "--owner", "nobody@example.com")).toMatch(/No user nobody@example\.com/);
    expect(await refusal("team", "create", "--owner", "ops.owner@example.com")).toMatch(/--name and --owner are required/);
    expect(await refusal("team", "create", "--name", "  ", "--owner", "ops.owner@example.com")).toMatch(/--name and --owner are required/);
    expect(await refusal("team", "create", "--name", "Fresh", "--slug", "Not A Slug", "--owner", "ops.owner@example.com")).toMatch(/--slug: /);
    expect(await refusal("team", "create", "--name", "Fresh", "--owner", "ops.owner@example.com", "--colour", "red")).toMatch(/Unknown option '--colour'/);
    const after = await sql(
      `SELECT (SELECT count(*)::int FROM "Team") AS teams, (SELECT count(*)::int FROM "AuditEvent") AS events, (SELECT count(*)::int FROM "User") AS users`,
    );
    expect(after).toEqual(before);
  });
});
