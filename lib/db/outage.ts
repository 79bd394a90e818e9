/**
 * Database outages (docs/decisions/0020): which failures mean "the database is unreachable" (answered
 * 503 `unavailable` with Retry-After, not 500), and one log line when the database goes away and one
 * when it is back, however many requests fail in between.
 */
import { log } from "@/lib/log";
import { databaseKnownDown, outageState } from "./outage-state";

/** Seconds a client is told to wait (Retry-After) while the database is unreachable. */
export const OUTAGE_RETRY_AFTER_SECONDS = 5;

/** Node socket errors, pg/pg-pool messages, Prisma's adapter error kinds and codes, PostgreSQL SQLSTATEs. */
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2028"]);
// 57P01-03: shutdown, crash, not accepting connections yet; 08xxx: connection exceptions; 57014: the
// statement_timeout cancelled the query; 53300: too many connections.
const SQLSTATES = /^(57P0[1-3]|08\d{3}|08P01|57014|53300)$/;
const MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Query read timeout|connection timeout|Client has encountered a connection error|Connection ended|the database system is (starting up|shutting down|in recovery mode)|terminating connection|Unable to start a transaction in the given time|Can't reach database server|server closed the connection/i;

type Loose = {
  code?: unknown;
  kind?: unknown;
  message?: unknown;
  cause?: unknown;
  meta?: { driverAdapterError?: { cause?: unknown } };
} | null;

/** True when `err` (or what it wraps) says the database could not be reached or did not answer in time. */
export function databaseUnavailable(err: unknown): boolean {
  const seen = new Set<unknown>();
  const queue: unknown[] = [err];
  while (queue.length) {
    const e = queue.shift() as Loose;
    if (!e || typeof e !== "object" || seen.has(e)) continue;
    seen.add(e);
    if (typeof e.code === "string" && (SOCKET_CODES.has(e.code) || PRISMA_CODES.has(e.code) || SQLSTATES.test(e.code))) return true;
    if (typeof e.kind === "string" && ADAPTER_KINDS.has(e.kind)) return true;
    if (typeof e.message === "string" && MESSAGES.test(e.message)) return true;
    queue.push(e.cause, e.meta?.driverAdapterError, e.meta?.driverAdapterError?.cause);
  }
  return false;
}

const state = outageState;
export { databaseKnownDown };

const WATCH_INTERVAL_MS = 1_000;

/** A short, safe description of the failure for the log (no connection string). */
function reason(err: unknown): string {
  const e = err as Loose;
  const code = typeof e?.code === "string" ? e.code : undefined;
  const message = typeof e?.message === "string" ? e.message.split("\n").at(-1)!.slice(0, 200) : String(err);
  return code ? `${code}: ${message}` : message;
}

/**
 * Record a failure that `databaseUnavailable` recognised. The first one logs "database unreachable" and
 * starts a watch that runs `probe` (a `SELECT 1`) every second until it answers, then logs "database
 * reachable again". Later failures during the same outage log nothing.
 */
export function noteDatabaseDown(err: unknown, probe: () => Promise<unknown>): void {
  if (state.downSince !== undefined) return;
  state.downSince = Date.now();
  log.error({ reason: reason(err) }, "database unreachable: requests answer 503 until it is back");
  state.watch = setInterval(() => {
    if (state.probing) return;
    state.probing = true;
    probe()
      .then(() => noteDatabaseUp())
      .catch(() => undefined)
      .finally(() => {
        state.probing = false;
      });
  }, WATCH_INTERVAL_MS);
  state.watch.unref?.();
}

/** The database answered: if it was down, log that it is back (with how long it was away). */
export function noteDatabaseUp(): void {
  if (state.downSince === undefined) return;
  const downMs = Date.now() - state.downSince;
  clearInterval(state.watch);
  state.downSince = undefined;
  state.watch = undefined;
  log.info({ downMs }, "database reachable again");
}
