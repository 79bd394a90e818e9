import { db } from "@/lib/db";

/** Readiness: does the database answer within `timeoutMs`? Never throws. */
export async function checkDatabase(timeoutMs = 1500): Promise<{ ok: true; ms: number } | { ok: false; reason: string }> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      db.$queryRaw`SELECT 1`,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { ok: true, ms: Math.round(performance.now() - started) };
  } catch (err) {
    const message = err instanceof Error ? err.message.split("\n")[0]! : "unknown error";
    return { ok: false, reason: `database unavailable: ${message.slice(0, 200)}` };
  } finally {
    clearTimeout(timer);
  }
}
