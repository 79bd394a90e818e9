import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { noteDatabaseDown } from "./db/outage";
import { databaseEnv } from "./env";
import { PrismaClient } from "./generated/prisma/client";

/**
 * Database access (docs/decisions/0005, 0016). Plain reads and writes go through `db`, the one Prisma
 * client. Raw SQL goes through `sqlPool()` only in the files eslint.config.mjs allows (stores and
 * queries named for it, the hot paths of decision 0005, the probe and threshold rounds); elsewhere
 * the lint rule refuses the import.
 *
 * The connection comes from DATABASE_URL (the app, which the launcher starts with it), or from
 * `configureDatabase(url)` for scripts and tests that pick a database themselves: nothing assigns
 * process.env to hand a URL over.
 *
 * Created on first use so `next build` and tooling work without a database; kept on globalThis so
 * dev hot reloads do not open a new pool each time.
 */
const globalForDb = globalThis as unknown as { __preflightDb?: PrismaClient; __preflightPool?: pg.Pool; __preflightDbUrl?: string };

/**
 * Use this database from now on (scripts and tests). Call it before the first query, or after
 * `disconnectDb()`: switching while a pool is open would leave that pool on the old database.
 */
export function configureDatabase(url: string): void {
  if (url === globalForDb.__preflightDbUrl) return;
  if (globalForDb.__preflightDb || globalForDb.__preflightPool) {
    throw new Error("configureDatabase: the database is already in use; call disconnectDb() first.");
  }
  globalForDb.__preflightDbUrl = url;
}

/** The URL in use: the configured one, else DATABASE_URL. */
export function databaseUrl(): string {
  const connectionString = globalForDb.__preflightDbUrl ?? databaseEnv().DATABASE_URL;
  if (!connectionString) {
    throw new Error("DATABASE_URL is not set. Start Preflight with `npm run dev` / `npm start`, which provide an embedded PostgreSQL.");
  }
  return connectionString;
}

/**
 * Every wait on the database is bounded (docs/decisions/0020), so a database that is down or hangs
 * (stopped, network partition) makes a request answer 503 within seconds instead of hanging: opening a
 * connection, each statement on the server (statement_timeout) and, should the server not answer at all,
 * on the client (query_timeout, a little later so the server's own cancel wins when it can), and a
 * transaction left idle holding locks.
 */
const poolSettings = () => {
  const { DATABASE_POOL_MAX, DATABASE_QUERY_TIMEOUT_MS: queryTimeout } = databaseEnv();
  return {
    connectionString: databaseUrl(),
    max: DATABASE_POOL_MAX,
    connectionTimeoutMillis: 3_000,
    idleTimeoutMillis: 30_000,
    statement_timeout: queryTimeout,
    query_timeout: queryTimeout + 500,
    idle_in_transaction_session_timeout: Math.max(10_000, 2 * queryTimeout),
  };
};

/** A `SELECT 1` on the plain pool: the outage watch's question "is the database back?". */
export const databaseProbe = (): Promise<unknown> => getPool().query("SELECT 1");

// An idle connection the server closes (restart, shutdown) must not crash the process: the pool
// drops it and opens a new one on the next query. It starts an outage (logged once), not a line each.
const onIdleError = (err: Error) => noteDatabaseDown(err, databaseProbe);

function getPool(): pg.Pool {
  if (!globalForDb.__preflightPool) {
    globalForDb.__preflightPool = new pg.Pool(poolSettings());
    globalForDb.__preflightPool.on("error", onIdleError);
  }
  return globalForDb.__preflightPool;
}

export function getDb(): PrismaClient {
  // Prisma gets the connection settings and opens its own pool. Handing it our pg.Pool instance
  // relies on `instanceof pg.Pool` inside the adapter, which fails when the dev bundler loads two
  // copies of pg: the adapter then treats the pool as settings and connects to localhost:5432.
  globalForDb.__preflightDb ??= new PrismaClient({ adapter: new PrismaPg(poolSettings(), { onPoolError: onIdleError }) });
  return globalForDb.__preflightDb;
}

/**
 * A plain pg pool for the few hot paths where Prisma's per-query CPU cost matters (a raw query costs
 * ~2 ms of CPU through Prisma, ~0.3 ms through pg). See docs/decisions/0005. Everything else goes
 * through `db`.
 */
export function sqlPool(): pg.Pool {
  return getPool();
}

/**
 * A connection without the statement and query timeouts, for the few long jobs (seeding 30 days of demo
 * history), run and closed at once.
 */
export async function withUnboundedClient<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const pool = new pg.Pool({ connectionString: databaseUrl(), max: 1, connectionTimeoutMillis: 10_000 });
  pool.on("error", () => undefined);
  const client = await pool.connect();
  try {
    return await fn(client);
  } finally {
    client.release();
    await pool.end();
  }
}

/** Close the pool (scripts and tests). The next `getDb()` opens a new one. */
export async function disconnectDb(): Promise<void> {
  const client = globalForDb.__preflightDb;
  const pool = globalForDb.__preflightPool;
  globalForDb.__preflightDb = undefined;
  globalForDb.__preflightPool = undefined;
  await client?.$disconnect();
  await pool?.end();
}

export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, prop) {
    const client = getDb();
    const value = Reflect.get(client, prop, client) as unknown;
    return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(client) : value;
  },
});

export type { PrismaClient };
export * as DbTypes from "./generated/prisma/client";
