/**
 * When probe evidence verifies a checklist item (template items may declare an auto-check). Pure.
 * An item is verified only by fresh, positive evidence: no probe yet, or no check of the right kind
 * (no https check for tls-valid), means "not verified" with the reason.
 */
import { formatDate } from "@/lib/format/time";

export type AutoCheckKind = "health_endpoint_up" | "tls_valid" | "hsts" | "security_headers" | "latency_p95_under";

export interface CheckEvidence {
  name: string;
  url: string;
  status: "unknown" | "up" | "down" | "degraded";
  lastRunAt: Date | null;
  lastError: string | null;
  tlsExpiresAt: Date | null;
  securityHeaders: { hsts?: string | null; contentTypeOptions?: string | null; frameOptions?: string | null; frameAncestors?: string | null } | null;
}

export interface ServiceEvidence {
  checks: readonly CheckEvidence[];
  /** p95 of successful probes over the last 24 h, all checks (from rollups); null without data */
  latencyP95Ms: number | null;
}

export interface AutoCheckVerdict {
  verified: boolean;
  /** one line for people: what was seen, or why it is not verified */
  summary: string;
  /** when the evidence was observed (latest probe) */
  observedAt: string | null;
  value?: string | number | null;
}

export const TLS_MIN_VALID_DAYS = 14;
export const DEFAULT_LATENCY_P95_LIMIT_MS = 2000;
const DAY_MS = 86_400_000;

function latest(checks: readonly CheckEvidence[]): string | null {
  const times = checks.map((c) => c.lastRunAt?.getTime() ?? 0).filter((t) => t > 0);
  return times.length ? new Date(Math.max(...times)).toISOString() : null;
}

const notVerified = (summary: string, checks: readonly CheckEvidence[] = []): AutoCheckVerdict => ({ verified: false, summary, observedAt: latest(checks) });

function hstsMaxAge(value: string | null | undefined): number {
  const m = /max-age\s*=\s*"?(\d+)/i.exec(value ?? "");
  return m ? Number(m[1]) : 0;
}

export function evaluateAutoCheck(kind: AutoCheckKind, param: number | null, ev: ServiceEvidence, now: Date): AutoCheckVerdict {
  const probed = ev.checks.filter((c) => c.lastRunAt !== null);
  if (probed.length === 0) return notVerified(ev.checks.length ? "no probe has run yet" : "the service has no health check");
  const https = probed.filter((c) => c.url.startsWith("https:"));
  switch (kind) {
    case "health_endpoint_up": {
      const bad = probed.find((c) => c.status !== "up" && c.status !== "degraded");
      if (bad) return notVerified(`health check ${bad.name} is ${bad.status}${bad.lastError ? `: ${bad.lastError}` : ""}`, probed);
      return { verified: true, summary: `${probed.length === 1 ? `health check ${probed[0]!.name} is` : `all ${probed.length} health checks are`} up`, observedAt: latest(probed), value: "up" };
    }
    case "tls_valid": {
      if (https.length === 0) return notVerified("no https health check", probed);
      for (const c of https) {
        if (c.lastError?.startsWith("TLS error")) return notVerified(`${c.name}: ${c.lastError}`, https);
        if (!c.tlsExpiresAt) return notVerified(`${c.name}: certificate not seen yet`, https);
        const days = (c.tlsExpiresAt.getTime() - now.getTime()) / DAY_MS;
        if (days < TLS_MIN_VALID_DAYS) return notVerified(`${c.name}: certificate expires in ${Math.max(0, Math.floor(days))} days (${formatDate(c.tlsExpiresAt)})`, https);
      }
      const soonest = Math.min(...https.map((c) => c.tlsExpiresAt!.getTime()));
      return { verified: true, summary: `certificate valid until ${formatDate(soonest)}`, observedAt: latest(https), value: new Date(soonest).toISOString() };
    }
    case "hsts": {
      if (https.length === 0) return notVerified("no https health check (HSTS only counts over https)", probed);
      const missing = https.find((c) => hstsMaxAge(c.securityHeaders?.hsts) <= 0);
      if (missing) return notVerified(`${missing.name}: no Strict-Transport-Security header with a max-age`, https);
      return { verified: true, summary: `Strict-Transport-Security: ${https[0]!.securityHeaders!.hsts}`, observedAt: latest(https), value: https[0]!.securityHeaders!.hsts ?? null };
    }
    case "security_headers": {
      for (const c of probed) {
        const h = c.securityHeaders;
        if (!h) return notVerified(`${c.name}: no answer seen yet`, probed);
        if ((h.contentTypeOptions ?? "").toLowerCase() !== "nosniff") return notVerified(`${c.name}: X-Content-Type-Options: nosniff missing`, probed);
        if (!h.frameOptions && !h.frameAncestors) return notVerified(`${c.name}: neither X-Frame-Options nor CSP frame-ancestors`, probed);
      }
      return { verified: true, summary: "X-Content-Type-Options and frame protection present", observedAt: latest(probed) };
    }
    case "latency_p95_under": {
      const limit = param ?? DEFAULT_LATENCY_P95_LIMIT_MS;
      if (ev.latencyP95Ms === null) return notVerified("no successful probe in the last 24 h", probed);
      const p95 = Math.round(ev.latencyP95Ms);
      if (p95 >= limit) return { ...notVerified(`p95 latency over 24 h is ${p95} ms, limit ${limit} ms`, probed), value: p95 };
      return { verified: true, summary: `p95 latency over 24 h is ${p95} ms (limit ${limit} ms)`, observedAt: latest(probed), value: p95 };
    }
  }
}
