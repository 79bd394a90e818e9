import type { Pool, PoolClient } from "pg";

/**
 * Run `fn` in one transaction on a client of `pool`: COMMIT when it resolves, ROLLBACK when it throws
 * (the error is rethrown). For raw-SQL writers whose state change and alert events must land together.
 */
export async function inTransaction<T>(pool: Pool, fn: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  // a client whose ROLLBACK failed (a broken connection) is dropped, never handed out again
  let broken: Error | undefined;
  try {
    await client.query("BEGIN");
    const result = await fn(client);
    await client.query("COMMIT");
    return result;
  } catch (err) {
    await client.query("ROLLBACK").catch((rollbackErr: unknown) => {
      broken = rollbackErr instanceof Error ? rollbackErr : new Error(String(rollbackErr));
    });
    throw err;
  } finally {
    client.release(broken);
  }
}
