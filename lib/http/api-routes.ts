/**
 * The API's routes and the methods each exports, for proxy.ts: an unknown path under /api/ answers 404
 * `not_found` and a method the route does not export 405 `method_not_allowed` with `Allow`, in the one
 * error shape, where Next would answer an HTML page or an empty 405. Kept in step with app/api by
 * tests/unit/api-routes.test.ts, which prints the line to add when a route or a method is added.
 */
export const API_ROUTES: Record<string, readonly string[]> = {
  "/api/auth/[...nextauth]": ["GET", "POST"],
  "/api/badge/[team]/[service]/health.svg": ["GET"],
  "/api/badge/[team]/[service]/readiness.svg": ["GET"],
  "/api/badge/[team]/[service]/uptime.svg": ["GET"],
  "/api/cron/probe": ["POST"],
  "/api/health": ["GET"],
  "/api/metrics": ["GET"],
  "/api/ping/[token]": ["GET", "POST"],
  "/api/ping/[token]/[signal]": ["GET", "POST"],
  "/api/ready": ["GET"],
  "/api/v1/agent/claims": ["POST"],
  "/api/v1/agent/results": ["POST"],
  "/api/v1/openapi.json": ["GET"],
  "/api/v1/services": ["GET", "POST"],
  "/api/v1/services/[slug]": ["DELETE", "GET", "PATCH"],
  "/api/v1/services/[slug]/backup-monitors": ["GET", "POST"],
  "/api/v1/services/[slug]/backup-monitors/[component]": ["DELETE"],
  "/api/v1/services/[slug]/backup-monitors/[component]/rotate": ["POST"],
  "/api/v1/services/[slug]/checklist": ["GET", "POST"],
  "/api/v1/services/[slug]/checklist/[itemKey]": ["PATCH"],
  "/api/v1/services/[slug]/checklist/[itemKey]/history": ["GET"],
  "/api/v1/services/[slug]/checklist/bulk": ["POST"],
  "/api/v1/services/[slug]/checklist/[itemKey]/comments": ["GET", "POST"],
  "/api/v1/services/[slug]/checklist/[itemKey]/waiver/decision": ["POST"],
  "/api/v1/services/[slug]/checks": ["GET", "POST"],
  "/api/v1/services/[slug]/history": ["GET"],
  "/api/v1/services/[slug]/checks/[id]": ["DELETE", "GET", "PATCH"],
  "/api/v1/services/[slug]/maintenance": ["GET", "POST"],
  "/api/v1/services/[slug]/maintenance/[id]": ["DELETE", "PATCH"],
  "/api/v1/services/[slug]/metrics": ["POST"],
  "/api/v1/services/[slug]/metrics/source": ["GET", "PUT"],
  "/api/v1/services/[slug]/move": ["POST"],
  "/api/v1/services/[slug]/readiness": ["GET"],
  "/api/v1/services/[slug]/recovery-events": ["GET", "POST"],
  "/api/v1/services/[slug]/reviews": ["GET", "POST"],
  "/api/v1/services/[slug]/reviews/[id]/decision": ["POST"],
  "/api/v1/services/[slug]/reviews/[id]/withdraw": ["POST"],
  "/api/v1/services/[slug]/rto-targets": ["GET", "POST"],
  "/api/v1/services/[slug]/rto-targets/[component]": ["DELETE"],
  "/api/v1/services/[slug]/templates": ["POST"],
  "/api/v1/services/[slug]/templates/[key]": ["DELETE"],
  "/api/v1/services/[slug]/templates/resync": ["POST"],
  "/api/v1/services/[slug]/thresholds": ["GET", "POST"],
  "/api/v1/services/[slug]/thresholds/[id]": ["DELETE", "PATCH"],
  "/api/v1/services/[slug]/uptime": ["GET"],
  "/api/v1/teams": ["GET", "POST"],
  "/api/v1/teams/[team]": ["DELETE", "PATCH"],
  "/api/v1/teams/[team]/agent-tokens": ["GET", "POST"],
  "/api/v1/teams/[team]/agent-tokens/[id]": ["DELETE"],
  "/api/v1/teams/[team]/audit": ["GET"],
  "/api/v1/teams/[team]/channels": ["GET", "POST"],
  "/api/v1/teams/[team]/history": ["GET"],
  "/api/v1/teams/[team]/history/export": ["GET"],
  "/api/v1/teams/[team]/channels/[id]": ["DELETE", "GET", "PATCH"],
  "/api/v1/teams/[team]/channels/[id]/rotate-secret": ["POST"],
  "/api/v1/teams/[team]/channels/[id]/test": ["POST"],
  "/api/v1/teams/[team]/invitations": ["GET", "POST"],
  "/api/v1/teams/[team]/invitations/[id]": ["DELETE"],
  "/api/v1/teams/[team]/invitations/[id]/resend": ["POST"],
  "/api/v1/teams/[team]/members": ["GET"],
  "/api/v1/teams/[team]/review-teams": ["DELETE", "GET", "PATCH", "POST"],
  "/api/v1/teams/[team]/members/[userId]": ["DELETE", "PATCH"],
  "/api/v1/teams/[team]/tokens": ["GET", "POST"],
  "/api/v1/teams/[team]/tokens/[id]": ["DELETE"],
  "/api/v1/templates": ["GET", "POST"],
  "/api/v1/templates/[key]": ["GET"],
};

type Rank = 0 | 1 | 2; // static segment, [param], [...catchAll]

interface Compiled {
  segments: string[];
  methods: readonly string[];
}

const compiled: Compiled[] = Object.entries(API_ROUTES).map(([pattern, methods]) => ({ segments: pattern.split("/").slice(1), methods }));

const rankOf = (segment: string): Rank => (segment.startsWith("[...") ? 2 : segment.startsWith("[") ? 1 : 0);

/** The ranks of the pattern's segments when it matches `parts`, or null. */
function match(segments: string[], parts: string[]): Rank[] | null {
  const ranks: Rank[] = [];
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    const rank = rankOf(segment);
    ranks.push(rank);
    if (rank === 2) return parts.length > i ? ranks : null;
    const part = parts[i];
    if (part === undefined || part === "") return null;
    if (rank === 0 && part !== segment) return null;
  }
  return parts.length === segments.length ? ranks : null;
}

const moreSpecific = (a: Rank[], b: Rank[]) => {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! < b[i]!;
  return a.length > b.length;
};

/**
 * The methods the route serving `pathname` (as sent, still percent-encoded) answers, including the HEAD
 * and OPTIONS Next adds, or null when no route serves it. Static segments win over parameters, as in Next.
 */
export function apiRouteMethods(pathname: string): string[] | null {
  const parts = pathname.split("/").slice(1);
  let best: { ranks: Rank[]; methods: readonly string[] } | null = null;
  for (const route of compiled) {
    const ranks = match(route.segments, parts);
    if (ranks && (!best || moreSpecific(ranks, best.ranks))) best = { ranks, methods: route.methods };
  }
  if (!best) return null;
  return [...best.methods, ...(best.methods.includes("GET") ? ["HEAD"] : []), "OPTIONS"];
}
