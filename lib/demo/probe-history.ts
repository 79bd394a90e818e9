/**
 * Synthetic probe history, so the uptime pages of the demo are alive on first run: one probe a minute
 * per check with realistic latency (log-normal around a per-service median, busier in UTC daytime),
 * rare isolated failures, a few outages (which become Incident rows, derived from the probes the
 * same way the probe engine opens and closes them) and slow periods.
 *
 * Deterministic: the same `now` and seed give the same probes on every machine (seeded PRNG).
 * Stored like the probe engine stores live results: raw ProbeResult rows for the raw-retention window
 * only, rollups (built with rollupRows / upsertRollups, so the histogram encoding is the engine's)
 * for minute buckets over the last 2 days and hour and day buckets over the whole history.
 */
import type { PoolClient } from "pg";
import { createHash } from "node:crypto";
import { rollupRows, type Granularity, type ProbeSample } from "@/lib/uptime/rollup";
import { ROLLUP_RETENTION_DAYS } from "@/lib/uptime/ranges";
import { upsertRollups } from "@/lib/uptime/store";

export interface SyntheticProbe extends ProbeSample {
  errorMessage: string | null;
}

type ErrorClass = "timeout" | "dns" | "refused" | "tls" | "status" | "body" | "other";

export type Episode =
  /** an outage: every probe fails the same way */
  | { kind: "down"; daysAgo: number; minutes: number; errorClass: ErrorClass; httpStatus: number | null; message: string }
  /** a slow period: latency multiplied by `factor` */
  | { kind: "slow"; daysAgo: number; minutes: number; factor: number };

export interface ProbeProfile {
  medianMs: number;
  /** log-normal spread (σ of ln latency) */
  sigma: number;
  /** share of probes that fail alone (a blip, never an incident) */
  blipShare: number;
  /** share of probes that hit a cold start (serverless), and how slow that is */
  coldStartShare?: number;
  coldStartMs?: number;
  episodes: Episode[];
}

/** Latency over this is "degraded" (the demo checks' latencyLimitMs). */
export const DEMO_LATENCY_LIMIT_MS = 1000;
export const DEMO_HISTORY_DAYS = 30;

/** Per demo service (lib/demo/data.ts slugs). `daysAgo` is when an episode starts, before now. */
export const DEMO_PROBE_PROFILES: Record<string, ProbeProfile> = {
  hyperterse: {
    medianMs: 24,
    sigma: 0.25,
    blipShare: 0.0001,
    episodes: [
      { kind: "down", daysAgo: 26.3, minutes: 14, errorClass: "refused", httpStatus: null, message: "connect ECONNREFUSED 10.0.4.12:8080" },
      { kind: "slow", daysAgo: 9.55, minutes: 130, factor: 7 },
      { kind: "down", daysAgo: 2.8, minutes: 6, errorClass: "status", httpStatus: 502, message: "HTTP 502 Bad Gateway (expected 200-299)" },
    ],
  },
  cryptopulse: {
    medianMs: 85,
    sigma: 0.35,
    blipShare: 0.00015,
    episodes: [
      { kind: "down", daysAgo: 12.4, minutes: 23, errorClass: "status", httpStatus: 503, message: 'HTTP 503 Service Unavailable (expected 200-299): {"status":"error","database":"unreachable"}' },
      { kind: "slow", daysAgo: 6.3, minutes: 150, factor: 9 },
      { kind: "down", daysAgo: 1.35, minutes: 5, errorClass: "timeout", httpStatus: null, message: "no response within 5000 ms" },
      { kind: "slow", daysAgo: 0.2, minutes: 45, factor: 4 },
    ],
  },
  trailbase: {
    medianMs: 12,
    sigma: 0.3,
    blipShare: 0.0001,
    episodes: [
      { kind: "down", daysAgo: 4.6, minutes: 9, errorClass: "timeout", httpStatus: null, message: "no response within 5000 ms" },
      { kind: "slow", daysAgo: 17.2, minutes: 60, factor: 20 },
    ],
  },
  glasswork: {
    medianMs: 140,
    sigma: 0.3,
    blipShare: 0.00015,
    coldStartShare: 0.02,
    coldStartMs: 850,
    episodes: [
      { kind: "down", daysAgo: 18.7, minutes: 35, errorClass: "status", httpStatus: 502, message: "HTTP 502 Bad Gateway (expected 200-299): Internal server error" },
      { kind: "slow", daysAgo: 0.45, minutes: 40, factor: 6 },
    ],
  },
};

/** mulberry32: a small, fast, seedable PRNG (uniform in [0, 1)). */
export function seededRandom(seed: string): () => number {
  let a = createHash("sha256").update(seed).digest().readUInt32BE(0);
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MINUTE = 60_000;
const DAY = 86_400_000;

/**
 * One probe a minute over the `days` before `now` (the last one less than a minute ago), oldest first.
 */
export function syntheticProbes(checkId: string, profile: ProbeProfile, opts: { now: Date; days: number; seed: string }): SyntheticProbe[] {
  const rand = seededRandom(opts.seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  // Probes land a few seconds into their minute, like a scheduler's would; the last one is the latest
  // such moment before now.
  const offsetMs = 1000 + Math.floor(rand() * 40) * 1000;
  const lastAt = Math.floor((opts.now.getTime() - offsetMs - 1) / MINUTE) * MINUTE + offsetMs;
  const count = opts.days * 1440;
  const episodes = profile.episodes.map((e) => {
    const start = Math.floor((opts.now.getTime() - e.daysAgo * DAY) / MINUTE) * MINUTE;
    return { ...e, start, end: start + e.minutes * MINUTE };
  });
  const out: SyntheticProbe[] = [];
  for (let k = count - 1; k >= 0; k--) {
    const at = new Date(lastAt - k * MINUTE);
    const minute = at.getTime() - offsetMs;
    const active = episodes.filter((e) => minute >= e.start && minute < e.end);
    const down = active.find((e) => e.kind === "down");
    // Busier (slower) in UTC daytime: ±12 % over the day.
    const daily = 1 + 0.12 * Math.sin(((minute % DAY) / DAY) * 2 * Math.PI - Math.PI / 2);
    let latency = profile.medianMs * daily * Math.exp(profile.sigma * gauss());
    for (const e of active) if (e.kind === "slow") latency *= e.factor * (0.8 + 0.4 * rand());
    if (profile.coldStartShare && rand() < profile.coldStartShare) latency += (profile.coldStartMs ?? 0) * (0.7 + 0.6 * rand());
    const latencyMs = Math.max(1, Math.round(latency));
    if (down && down.kind === "down") {
      // Only probes that got an answer have a latency (as in the engine's results).
      out.push({
        checkId,
        at,
        outcome: "down",
        latencyMs: down.httpStatus !== null ? latencyMs : null,
        httpStatus: down.httpStatus,
        errorClass: down.errorClass,
        errorMessage: down.message,
      });
    } else if (rand() < profile.blipShare) {
      out.push({ checkId, at, outcome: "down", latencyMs: null, httpStatus: null, errorClass: "timeout", errorMessage: "no response within 5000 ms" });
    } else {
      out.push({ checkId, at, outcome: latencyMs > DEMO_LATENCY_LIMIT_MS ? "degraded" : "up", latencyMs, httpStatus: 200, errorClass: null, errorMessage: null });
    }
  }
  return out;
}

export interface DerivedIncident {
  startedAt: Date;
  endedAt: Date | null;
  firstError: string;
  lastError: string;
}

/**
 * Incidents as the probe engine opens and closes them: one starts at the first failure of a run of
 * at least `failuresBeforeDown` failures and ends at the first available (up or degraded) probe after it.
 */
export function incidentsFromProbes(probes: readonly SyntheticProbe[], failuresBeforeDown = 3): DerivedIncident[] {
  const out: DerivedIncident[] = [];
  let run: SyntheticProbe[] = [];
  const close = (endedAt: Date | null) => {
    if (run.length >= failuresBeforeDown) {
      out.push({ startedAt: run[0]!.at, endedAt, firstError: run[0]!.errorMessage ?? "down", lastError: run.at(-1)!.errorMessage ?? "down" });
    }
    run = [];
  };
  for (const p of probes) {
    if (p.outcome === "down") run.push(p);
    else if (run.length) close(p.at);
  }
  if (run.length) close(null);
  return out;
}

/** The check's state after its last probe (status, streak counters, last figures). */
export function stateAfter(probes: readonly SyntheticProbe[]) {
  const last = probes.at(-1)!;
  const failing = last.outcome === "down";
  let i = probes.length - 1;
  while (i > 0 && (probes[i - 1]!.outcome === "down") === failing) i--;
  return {
    status: last.outcome,
    lastRunAt: last.at,
    lastLatencyMs: last.latencyMs,
    lastHttpStatus: last.httpStatus,
    lastError: failing ? last.errorMessage : null,
    consecutiveFailures: failing ? probes.length - i : 0,
    consecutiveSuccesses: failing ? 0 : probes.length - i,
    streakStartedAt: probes[i]!.at,
  };
}

const INSERT_RAW_SQL = `
INSERT INTO "ProbeResult" ("checkId", at, outcome, "httpStatus", "latencyMs", "dnsMs", "connectMs", "tlsMs", "firstByteMs", "errorClass", "errorMessage")
SELECT $1, to_timestamp(u.at / 1000.0), u.outcome::"ProbeOutcome", u.status, u.latency,
       CASE WHEN u.status IS NOT NULL THEN greatest(1, round(u.latency * 0.04))::int END,
       CASE WHEN u.status IS NOT NULL THEN greatest(1, round(u.latency * 0.12))::int END,
       CASE WHEN u.status IS NOT NULL THEN greatest(1, round(u.latency * 0.18))::int END,
       CASE WHEN u.status IS NOT NULL THEN greatest(1, round(u.latency * 0.9))::int END,
       u.err::"ProbeErrorClass", u.msg
FROM unnest($2::float8[], $3::text[], $4::int[], $5::int[], $6::text[], $7::text[]) AS u(at, outcome, status, latency, err, msg)`;

/**
 * Stores one check's probes as the engine would have: raw rows for the last `rawDays`, minute
 * rollups for the minute-rollup retention, hour and day rollups for all. Bulk statements only.
 */
export async function storeProbeHistory(client: PoolClient, checkId: string, probes: readonly SyntheticProbe[], opts: { now: Date; rawDays: number }): Promise<void> {
  const now = opts.now.getTime();
  const rawSince = now - opts.rawDays * DAY;
  const minuteSince = now - ROLLUP_RETENTION_DAYS.minute * DAY;
  const raw = probes.filter((p) => p.at.getTime() >= rawSince);
  // Raw rows in slices of about a week, to keep each statement's parameters moderate; times as epoch
  // milliseconds (cheaper to send than timestamps).
  for (let i = 0; i < raw.length; i += 10_000) {
    const slice = raw.slice(i, i + 10_000);
    await client.query(INSERT_RAW_SQL, [
      checkId,
      slice.map((p) => p.at.getTime()),
      slice.map((p) => p.outcome),
      slice.map((p) => p.httpStatus),
      slice.map((p) => p.latencyMs),
      slice.map((p) => p.errorClass),
      slice.map((p) => p.errorMessage),
    ]);
  }
  const coarse: Granularity[] = ["hour", "day"];
  const rows = [...rollupRows(probes, coarse), ...rollupRows(probes.filter((p) => p.at.getTime() >= minuteSince), ["minute"])];
  for (let i = 0; i < rows.length; i += 2000) await upsertRollups(client, rows.slice(i, i + 2000));
}

/**
 * History for every demo check that has none yet: probes, rollups, incidents, and the check's state
 * after its last synthetic probe. Runs inside the caller's transaction.
 */
export async function seedDemoProbeHistory(client: PoolClient, opts: { now: Date; rawDays?: number; days?: number }): Promise<void> {
  const { rows: checks } = await client.query<{ id: string; serviceId: string; slug: string }>(
    `SELECT c.id, c."serviceId", s.slug FROM "HealthCheck" c JOIN "Service" s ON s.id = c."serviceId"
     WHERE s.slug = ANY($1::text[]) AND NOT EXISTS (SELECT 1 FROM "ProbeRollup" r WHERE r."checkId" = c.id)
     ORDER BY s.slug, c.id`,
    [Object.keys(DEMO_PROBE_PROFILES)],
  );
  for (const check of checks) {
    const probes = syntheticProbes(check.id, DEMO_PROBE_PROFILES[check.slug]!, { now: opts.now, days: opts.days ?? DEMO_HISTORY_DAYS, seed: `demo-probes:${check.slug}` });
    await storeProbeHistory(client, check.id, probes, { now: opts.now, rawDays: opts.rawDays ?? 14 });
    const incidents = incidentsFromProbes(probes);
    await client.query(
      `INSERT INTO "Incident" (id, "serviceId", "checkId", "startedAt", "endedAt", "firstError", "lastError")
       SELECT 'demo_' || $2 || '_' || extract(epoch FROM u.started)::bigint, $1, $2, u.started, u.ended, u.first, u.last
       FROM unnest($3::timestamptz[], $4::timestamptz[], $5::text[], $6::text[]) AS u(started, ended, first, last)`,
      [check.serviceId, check.id, incidents.map((i) => i.startedAt), incidents.map((i) => i.endedAt), incidents.map((i) => i.firstError), incidents.map((i) => i.lastError)],
    );
    const state = stateAfter(probes);
    await client.query(
      `UPDATE "HealthCheck" SET status = $2::"CheckStatus", "lastRunAt" = $3, "lastLatencyMs" = $4, "lastHttpStatus" = $5, "lastError" = $6,
         "consecutiveFailures" = $7, "consecutiveSuccesses" = $8, "streakStartedAt" = $9, "latencyLimitMs" = $10, "nextRunAt" = $11, "updatedAt" = $11
       WHERE id = $1`,
      [check.id, state.status, state.lastRunAt, state.lastLatencyMs, state.lastHttpStatus, state.lastError, state.consecutiveFailures, state.consecutiveSuccesses, state.streakStartedAt, DEMO_LATENCY_LIMIT_MS, opts.now],
    );
  }
}
