/**
 * Ping URLs for backup scripts, in the style of cron monitors:
 *   /api/ping/{token}        the backup succeeded
 *   /api/ping/{token}/start  a backup run starts (lets Preflight compute its duration)
 *   /api/ping/{token}/fail   the backup failed
 * A body (e.g. the script's output) is kept as the log excerpt, cut at PING_BODY_MAX_BYTES.
 *
 * An unknown token costs one indexed read and writes nothing. Known tokens are rate-limited per
 * monitor in PostgreSQL; every caller is also limited per IP in memory, which needs no write.
 */
import { withRecoveryAlerts } from "@/lib/alerts/recovery";
import { hashSecret } from "@/lib/auth/tokens";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { hitRateLimit, type RateLimit } from "@/lib/security/rate-limit";
import { PING_TOKEN_PREFIX } from "./token";

export const PING_SIGNALS = ["start", "success", "fail"] as const;
export type PingSignal = (typeof PING_SIGNALS)[number];

export const PING_BODY_MAX_BYTES = 10 * 1024;
/**
 * Past the excerpt, a body is read and dropped up to this size, so a script that posts its whole log
 * gets its answer on a connection that stays usable; an unread body makes Node reset the connection,
 * and curl then reports a failure for a ping that was recorded. Beyond this, the rest is refused unread.
 */
export const PING_BODY_DRAIN_BYTES = 16 * 1024 * 1024;
export const CUT_MARKER = "\n… [cut: the body was longer than 10 KiB]";

/** Per monitor: more than a backup script ever needs, little enough that a leaked URL cannot flood the log. */
export const PING_TOKEN_LIMIT: RateLimit = { name: "ping:monitor", limit: 30, windowSeconds: 60 };
const PER_IP_PER_MINUTE = 120;

export interface PingMeta {
  excerpt: string | null;
  sizeBytes?: number;
  location?: string;
  checksum?: string;
}

export type PingResult = "ok" | "not-found" | "rate-limited";

const TOKEN_SHAPE = new RegExp(`^${PING_TOKEN_PREFIX}[A-Za-z0-9_-]{43}$`);

/**
 * Record a ping. "start" opens a run on the monitor; "success"/"fail" closes the open run (if it
 * started within interval + grace) and appends one backup entry with the run's start time.
 */
export async function recordPing(token: string, signal: PingSignal, meta: PingMeta, now: Date = new Date()): Promise<PingResult> {
  if (!TOKEN_SHAPE.test(token)) return "not-found";
  const monitor = await db.backupMonitor.findUnique({
    where: { pingTokenHash: hashSecret(token) },
    select: { id: true, serviceId: true, component: true, intervalSeconds: true, graceSeconds: true, service: { select: { teamId: true } } },
  });
  if (!monitor) return "not-found";
  if (!(await hitRateLimit(PING_TOKEN_LIMIT, monitor.id)).allowed) return "rate-limited";

  if (signal === "start") {
    await db.backupMonitor.update({ where: { id: monitor.id }, data: { runStartedAt: now, lastPingAt: now } });
    return "ok";
  }
  await db.$transaction(async (tx) => {
    // Lock the monitor so two closing pings cannot both take the same run.
    const [locked] = await tx.$queryRaw<{ runStartedAt: Date | null }[]>`
      SELECT "runStartedAt" FROM "BackupMonitor" WHERE id = ${monitor.id} FOR UPDATE`;
    const windowStart = now.getTime() - (monitor.intervalSeconds + monitor.graceSeconds) * 1000;
    const run = locked?.runStartedAt;
    const startedAt = run && run.getTime() >= windowStart && run.getTime() <= now.getTime() ? run : null;
    await tx.backupMonitor.update({ where: { id: monitor.id }, data: { runStartedAt: null, lastPingAt: now } });
    const key = { serviceId: monitor.serviceId, component: monitor.component, kind: "backup" as const };
    const event = await withRecoveryAlerts(tx, { key, corrected: null, now }, () =>
      tx.recoveryEvent.create({
        data: {
          ...key,
          status: signal === "success" ? "success" : "failed",
          startedAt,
          finishedAt: now,
          sizeBytes: meta.sizeBytes === undefined ? null : BigInt(meta.sizeBytes),
          location: meta.location ?? null,
          checksum: meta.checksum ?? null,
          reportedBy: `ping URL (${monitor.component})`,
          source: "ping",
          logExcerpt: meta.excerpt,
          createdAt: now,
        },
      }),
    );
    await recordAudit(tx, { actor: { system: `ping:${monitor.component}` } }, {
      teamId: monitor.service.teamId,
      serviceId: monitor.serviceId,
      action: "recovery.event.create",
      targetType: "recovery-event",
      targetId: event.id,
      after: { kind: "backup", component: monitor.component, status: event.status, via: "ping" },
    });
  });
  return "ok";
}

/**
 * The first `max` bytes of a request body: the excerpt is cut, never refused. The rest is read and
 * dropped up to `drain` bytes (see PING_BODY_DRAIN_BYTES), then the stream is cancelled.
 * NUL characters (which PostgreSQL text cannot hold) are dropped.
 */
export async function readCappedBody(body: ReadableStream<Uint8Array> | null, max = PING_BODY_MAX_BYTES, drain = PING_BODY_DRAIN_BYTES): Promise<string | null> {
  if (!body) return null;
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let seen = 0;
  let cut = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    seen += value.byteLength;
    if (seen > drain) {
      await reader.cancel().catch(() => {});
      cut = true;
      break;
    }
    const room = max - size;
    if (value.byteLength > room) {
      cut = true;
      if (room > 0) chunks.push(value.subarray(0, room));
      size = max;
      continue;
    }
    chunks.push(value);
    size += value.byteLength;
  }
  if (size === 0) return null;
  // A multi-byte character split by the cut decodes as U+FFFD rather than failing.
  const text = new TextDecoder("utf-8", { fatal: false }).decode(Buffer.concat(chunks)).replace(/\0/g, "");
  if (text.trim() === "") return null;
  return cut ? text + CUT_MARKER : text;
}

/** Optional query parameters a backup script may add: ?size=<bytes>&location=<path>&checksum=<sum>. */
export function pingMetaFromQuery(params: URLSearchParams): Omit<PingMeta, "excerpt"> {
  const size = params.get("size");
  const sizeBytes = size !== null && /^\d{1,15}$/.test(size.trim()) ? Number(size.trim()) : undefined;
  const text = (name: string, max: number) => {
    // NUL cannot be stored as text (the body drops it the same way).
    const v = params.get(name)?.replace(/\0/g, "").trim();
    return v ? v.slice(0, max) : undefined;
  };
  return { sizeBytes, location: text("location", 500), checksum: text("checksum", 200) };
}

// Fixed one-minute windows per client IP, in this process only (no database write for unknown tokens).
const ipWindows = new Map<string, { count: number; resetAt: number }>();

export function allowPingFromIp(ip: string, nowMs = Date.now()): boolean {
  const w = ipWindows.get(ip);
  if (!w || w.resetAt <= nowMs) {
    if (ipWindows.size > 10_000) {
      for (const [k, v] of ipWindows) if (v.resetAt <= nowMs) ipWindows.delete(k);
    }
    ipWindows.set(ip, { count: 1, resetAt: nowMs + 60_000 });
    return true;
  }
  w.count += 1;
  return w.count <= PER_IP_PER_MINUTE;
}
