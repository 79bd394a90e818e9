/**
 * The test PostgreSQL: DATABASE_URL's server when set (it must allow CREATE DATABASE), otherwise an
 * embedded cluster under .data/test-postgres with durability off (throwaway data, faster tests).
 */
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres, type EmbeddedServer } from "../../lib/db/embedded";

export const TEMPLATE_DB = "preflight_test_template";

export interface TestCluster {
  /** URL of database `name` on the test server. */
  urlFor(name: string): string;
  embedded?: EmbeddedServer;
}

export async function startTestCluster(): Promise<TestCluster> {
  const external = process.env.DATABASE_URL;
  if (external) {
    return {
      urlFor: (name) => {
        const u = new URL(external);
        u.pathname = `/${name}`;
        return u.toString();
      },
    };
  }
  const embedded = await startEmbeddedPostgres({
    dataDir: path.join(process.cwd(), ".data", "test-postgres"),
    preferredPort: 54339,
    settings: { fsync: "off", synchronous_commit: "off", full_page_writes: "off" },
  });
  return { urlFor: (name) => embedded.url(name), embedded };
}

export async function withAdmin<T>(adminUrl: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function recreateDatabase(adminUrl: string, name: string, template?: string) {
  await withAdmin(adminUrl, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
    await c.query(
      `CREATE DATABASE ${pg.escapeIdentifier(name)}${template ? ` TEMPLATE ${pg.escapeIdentifier(template)}` : ""}`,
    );
  });
}

/** A new empty database `name` on the cluster of `adminUrl` (dropped first if it exists), and its URL. */
export async function freshDatabase(adminUrl: string, name: string): Promise<string> {
  await recreateDatabase(adminUrl, name);
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function dropDatabase(adminUrl: string, name: string) {
  await withAdmin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`));
}
