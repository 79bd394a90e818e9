import { agentResults } from "@/lib/agents/api";
import { route } from "@/lib/http/handler";
import { jsonResponse } from "@/lib/http/json";

export const dynamic = "force-dynamic";

/** A probe agent's batch of results; each must match a lease the agent holds. */
export const POST = route(async (req) => jsonResponse(await agentResults(req)));
