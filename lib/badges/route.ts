/** The HTTP side of public badges: GET /api/badge/{team}/{service}/{readiness,health,uptime}.svg, no session. */
import { route } from "@/lib/http/handler";
import { parseQuery } from "@/lib/http/api-query";
import { badgeQuerySchema, badgeService, badgeSpec } from "./load";
import type { BadgeKind } from "./messages";
import { badgeSvg } from "./svg";

/** READMEs embed badges through image proxies (GitHub's camo): a minute is fresh enough. */
export const BADGE_CACHE_CONTROL = "public, max-age=60";

export function badgeRoute(kind: BadgeKind) {
  return route<{ team: string; service: string }>(async (req, { params }) => {
    // Found first, so a bad ?range= on a badge that does not exist is the same 404 as any other.
    const service = await badgeService(params.team, params.service);
    const { range } = parseQuery(req.nextUrl.searchParams, badgeQuerySchema);
    const svg = badgeSvg(await badgeSpec(kind, service, range));
    return new Response(svg, { status: 200, headers: { "content-type": "image/svg+xml", "cache-control": BADGE_CACHE_CONTROL } });
  });
}
