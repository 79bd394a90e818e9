/**
 * `npm run preflight -- history backfill` on a fresh database: a service whose item was ticked three days
 * ago gets a rebuilt point for each day since it was created, and bad input exits non-zero with one line.
 */
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { promisify } from "node:util";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { sqlOn } from "../helpers/app";
import { dropDatabase, recreateDatabase } from "../helpers/test-cluster";

const run = promisify(execFile);
const DB = `preflight_cli_history_${randomBytes(4).toString("hex")}`;
let dbUrl = "";

const sql = <T extends pg.QueryResultRow>(text: string, params: unknown[] = []) => sqlOn<T>(dbUrl, text, params);
const preflight = (...args: string[]) => run("npm", ["run", "-s", "preflight", "--", ...args], { env: { ...process.env, DATABASE_URL: dbUrl } });

beforeAll(async () => {
  const adminUrl = inject("adminUrl");
  await recreateDatabase(adminUrl, DB);
  const u = new URL(adminUrl);
  u.pathname = `/${DB}`;
  dbUrl = u.toString();
  await run("npm", ["run", "-s", "db:migrate"], { env: { ...process.env, DATABASE_URL: dbUrl } });
  await sql(`INSERT INTO "Team" (id, slug, name) VALUES ('t_ops', 'ops', 'Ops')`);
  await sql(
    `INSERT INTO "Service" (id, "teamId", slug, name, "createdAt", "updatedAt") VALUES ('s_api', 't_ops', 'api', 'API', date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' - interval '5 days', now())`,
  );
  await sql(
    `INSERT INTO "ServiceChecklistItem" (id, "serviceId", key, "sectionKey", "sectionTitle", title, severity, position, state)
     VALUES ('i_tls', 's_api', 'tls', 's', 'S', 'TLS', 'high', 0, 'done'), ('i_docs', 's_api', 'docs', 's', 'S', 'Docs', 'high', 1, 'open')`,
  );
  await sql(
    `INSERT INTO "AuditEvent" (at, "teamId", "serviceId", via, action, "targetType", "targetId", before, after)
     VALUES (now() - interval '3 days', 't_ops', 's_api', 'ui', 'checklist.update', 'checklist_item', 'api/tls', '{"state":"open"}', '{"state":"done"}')`,
  );
});

afterAll(async () => {
  await dropDatabase(inject("adminUrl"), DB).catch(() => undefined);
});

describe("preflight history backfill", () => {
  it("rebuilds a point a day from the service's creation, the tick landing three days ago", async () => {
    const { stdout } = await preflight("history", "backfill", "--team", "ops", "--days", "10");
    expect(stdout).toContain("Rebuilt 6 daily points of 1 service over 10 days (6 written");
    const rows = await sql<{ score: number; source: string; ago: number }>(
      `SELECT score, source, ((now() AT TIME ZONE 'UTC')::date - date)::int AS ago FROM "ServiceHistory" ORDER BY date`,
    );
    expect(rows.map((r) => [r.ago, r.score])).toEqual([[5, 0], [4, 0], [3, 0], [2, 50], [1, 50], [0, 50]]);
    expect(rows.every((r) => r.source === "backfill")).toBe(true);
    const [team] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "TeamHistory" WHERE "teamId" = 't_ops'`);
    expect(team!.n).toBe(6);
  });

  it("refuses bad input with one line", async () => {
    for (const [args, message] of [
      [["--days", "0"], "error: --days is a whole number from 1 to 400"],
      [["--team", "nope"], 'error: No team "nope".'],
    ] as const) {
      const err = (await preflight("history", "backfill", ...args).then(() => null, (e: unknown) => e)) as { code: number; stderr: string } | null;
      expect(err?.code).toBe(2);
      expect(err!.stderr.split("\n").filter((l) => l.startsWith("error: "))).toEqual([message]);
    }
  });
});
