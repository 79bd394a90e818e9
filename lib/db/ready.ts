import { db } from "@/lib/db";
import { log } from "@/lib/log";

/**
 * The kind of failure, for an answer anyone may read: the driver's message names hosts, users, databases
 * and file paths, which stay in the server log (the seed guides: errors logged, not sent to clients).
 */
function failureKind(err: unknown): string {
  const e = err as { code?: unknown; message?: unknown } | null;
  const text = `${typeof e?.code === "string" ? e.code : ""} ${typeof e?.message === "string" ? e.message : ""}`;
  if (/ECONNREFUSED/i.test(text)) return "connection refused";
  if (/ETIMEDOUT|timeout|timed out/i.test(text)) return "connection timed out";
  if (/ENOTFOUND|EAI_AGAIN/i.test(text)) return "host not found";
  if (/28P01|28000|authentication|password/i.test(text)) return "authentication failed";
  if (/3D000|database .* does not exist/i.test(text)) return "database does not exist";
  if (/ECONNRESET|terminat|closed/i.test(text)) return "connection lost";
  return "the query failed";
}

/** Readiness: does the database answer within `timeoutMs`? Never throws. */
export async function checkDatabase(timeoutMs = 1500): Promise<{ ok: true; ms: number } | { ok: false; reason: string }> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  let timedOut = false;
  try {
    await Promise.race([
      db.$queryRaw`SELECT 1`,
      new Promise((_, reject) => {
        timer = setTimeout(() => {
          timedOut = true;
          reject(new Error(`no answer within ${timeoutMs} ms`));
        }, timeoutMs);
      }),
    ]);
    return { ok: true, ms: Math.round(performance.now() - started) };
  } catch (err) {
    if (timedOut) return { ok: false, reason: `database unavailable: no answer within ${timeoutMs} ms` };
    log.warn({ err }, "readiness check: database unavailable");
    return { ok: false, reason: `database unavailable: ${failureKind(err)}` };
  } finally {
    clearTimeout(timer);
  }
}
