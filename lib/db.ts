import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "./generated/prisma/client";
import { log } from "./log";

/**
 * The one Prisma client. Created on first use so `next build` and tooling work without a database;
 * kept on globalThis so dev hot reloads do not open a new pool each time.
 */
const globalForDb = globalThis as unknown as { __preflightDb?: PrismaClient; __preflightPool?: pg.Pool };

function getPool(): pg.Pool {
  if (!globalForDb.__preflightPool) {
    const connectionString = process.env.DATABASE_URL;
    if (!connectionString) {
      throw new Error(
        "DATABASE_URL is not set. Start Preflight with `npm run dev` / `npm start`, which provide an embedded PostgreSQL.",
      );
    }
    globalForDb.__preflightPool = new pg.Pool({
      connectionString,
      max: Number(process.env.DATABASE_POOL_MAX ?? 10),
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
    });
    // An idle connection the server closes (restart, shutdown) must not crash the process: the pool
    // drops it and opens a new one on the next query.
    globalForDb.__preflightPool.on("error", (err) => log.warn({ code: (err as NodeJS.ErrnoException).code, message: err.message }, "idle database connection lost"));
  }
  return globalForDb.__preflightPool;
}

export function getDb(): PrismaClient {
  globalForDb.__preflightDb ??= new PrismaClient({ adapter: new PrismaPg(getPool()) });
  return globalForDb.__preflightDb;
}

/**
 * The connection pool Prisma itself uses, for the few hot paths where Prisma's per-query CPU cost
 * matters (a raw query costs ~2 ms of CPU through Prisma, ~0.3 ms through pg). See
 * docs/decisions/0005. Everything else goes through `db`.
 */
export function sqlPool(): pg.Pool {
  return getPool();
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
