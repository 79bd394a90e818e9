import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";

/**
 * The one Prisma client. Created on first use so `next build` and tooling work without a database;
 * kept on globalThis so dev hot reloads do not open a new pool each time.
 */
const globalForDb = globalThis as unknown as { __preflightDb?: PrismaClient };

function createClient(): PrismaClient {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) {
    throw new Error(
      "DATABASE_URL is not set. Start Preflight with `npm run dev` / `npm start`, which provide an embedded PostgreSQL.",
    );
  }
  const adapter = new PrismaPg({
    connectionString,
    max: Number(process.env.DATABASE_POOL_MAX ?? 10),
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
  });
  return new PrismaClient({ adapter });
}

export function getDb(): PrismaClient {
  globalForDb.__preflightDb ??= createClient();
  return globalForDb.__preflightDb;
}

/** Close the pool (scripts and tests). The next `getDb()` opens a new one. */
export async function disconnectDb(): Promise<void> {
  const client = globalForDb.__preflightDb;
  globalForDb.__preflightDb = undefined;
  await client?.$disconnect();
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
