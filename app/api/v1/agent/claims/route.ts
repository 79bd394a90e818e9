import { agentClaims } from "@/lib/agents/api";
import { route } from "@/lib/http/handler";
import { jsonResponse } from "@/lib/http/json";

export const dynamic = "force-dynamic";

/** Long poll for a probe agent: the checks due at its location, leased to it (docs/probes.md, "Remote agents"). */
export const POST = route(async (req) => jsonResponse(await agentClaims(req)));
