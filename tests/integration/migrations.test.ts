import { execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { migrate, readMigrations } from "@/lib/db/migrate";
import { dropDatabase, recreateDatabase } from "../helpers/test-cluster";
import { testDatabaseUrl } from "../helpers/db";

const adminUrl = inject("adminUrl");
const created: string[] = [];

async function freshDb(name: string): Promise<string> {
  await recreateDatabase(adminUrl, name);
  created.push(name);
  return testDatabaseUrl(name);
}

afterAll(async () => {
  for (const name of created) await dropDatabase(adminUrl, name);
});

/** Everything about a database's shape that a schema defines, in a comparable form. */
async function describeSchema(url: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const q = async (sql: string) => (await c.query(sql)).rows.map((r) => JSON.stringify(r));
    return {
      columns: await q(`SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default
                        FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'
                        ORDER BY 1, 2`),
      indexes: await q(`SELECT tablename, indexdef FROM pg_indexes
                        WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY 1, 2`),
      constraints: await q(`SELECT conrelid::regclass::text AS tbl, conname, pg_get_constraintdef(oid) AS def
                            FROM pg_constraint WHERE connamespace = 'public'::regnamespace
                            AND conrelid::regclass::text NOT LIKE '%_prisma_migrations%' ORDER BY 1, 2`),
      enums: await q(`SELECT t.typname, array_agg(e.enumlabel ORDER BY e.enumsortorder) AS labels
                      FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY 1 ORDER BY 1`),
    };
  } finally {
    await c.end();
  }
}

describe("migrations", () => {
  it("agree with prisma/schema.prisma (drift check)", async () => {
    const migrated = await freshDb("drift_migrated");
    await migrate(migrated);
    const fromSchema = await freshDb("drift_schema");
    // SQL for an empty database straight from schema.prisma, by Prisma's own schema engine.
    const sql = execFileSync(
      "node_modules/.bin/tsx",
      ["scripts/schema-diff.ts", fromSchema, "empty", "prisma/schema.prisma"],
      { encoding: "utf8" },
    );
    expect(sql).toContain("CREATE TABLE");
    const c = new pg.Client({ connectionString: fromSchema });
    await c.connect();
    await c.query(sql);
    await c.end();
    const [a, b] = await Promise.all([describeSchema(migrated), describeSchema(fromSchema)]);
    expect(a.columns.length).toBeGreaterThan(100);
    expect(a).toEqual(b);
  });

  it("records each migration in _prisma_migrations with Prisma's checksum and is idempotent", async () => {
    const url = await freshDb("mig_records");
    const first = await migrate(url);
    expect(first).toEqual(readMigrations().map((m) => m.name));
    expect(await migrate(url)).toEqual([]);
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    const { rows } = await c.query(`SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations"`);
    await c.end();
    expect(rows).toHaveLength(first.length);
    for (const m of readMigrations()) {
      const row = rows.find((r) => r.migration_name === m.name);
      expect(row?.checksum).toBe(m.checksum);
      expect(row?.finished_at).toBeInstanceOf(Date);
      expect(row?.applied_steps_count).toBe(1);
    }
  });

  it("applies each migration once when several processes migrate at the same time", async () => {
    const url = await freshDb("mig_concurrent");
    const results = await Promise.all([migrate(url), migrate(url), migrate(url)]);
    expect(results.flat().sort()).toEqual(readMigrations().map((m) => m.name).sort());
  });

  it("refuses a migration that was edited after it was applied, and rolls back a failing one", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "migs-"));
    const write = (name: string, sql: string) => {
      mkdirSync(path.join(dir, name), { recursive: true });
      writeFileSync(path.join(dir, name, "migration.sql"), sql);
    };
    const url = await freshDb("mig_checks");
    write("001_a", "CREATE TABLE a (id int);");
    await migrate(url, dir);
    write("001_a", "CREATE TABLE a (id bigint);");
    await expect(migrate(url, dir)).rejects.toThrow(/changed after it was applied/);
    write("001_a", "CREATE TABLE a (id int);");
    write("002_b", "CREATE TABLE b (id int); SELECT nonsense_function();");
    await expect(migrate(url, dir)).rejects.toThrow(/002_b failed/);
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    const b = await c.query("SELECT to_regclass('public.b') AS t");
    const rows = await c.query(`SELECT migration_name FROM "_prisma_migrations"`);
    await c.end();
    expect(b.rows[0].t).toBeNull(); // nothing of the failed migration is left
    expect(rows.rows.map((r) => r.migration_name)).toEqual(["001_a"]);
  });
});
