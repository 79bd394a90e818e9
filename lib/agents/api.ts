/** The agent endpoints' bodies: the bearer is an agent token (lib/agents/tokens.ts), not an API token. */
import type { NextRequest } from "next/server";
import { parseJsonBody } from "@/lib/http/body";
import { waitForAgentChecks } from "./claims";
import { AGENT_POLL_SECONDS, agentClaimsInput, agentResultsInput } from "./protocol";
import { recordAgentResults } from "./store";
import { agentFromBearer } from "./tokens";

const bearerOf = (req: NextRequest) => req.headers.get("authorization")?.replace(/^Bearer\s+/i, "") ?? null;

export async function agentClaims(req: NextRequest) {
  const agent = await agentFromBearer(bearerOf(req));
  const input = await parseJsonBody(req, agentClaimsInput);
  const checks = await waitForAgentChecks(agent, input.max, input.waitSeconds, req.signal);
  return { location: agent.location, checks, pollSeconds: AGENT_POLL_SECONDS };
}

export async function agentResults(req: NextRequest) {
  const agent = await agentFromBearer(bearerOf(req));
  const input = await parseJsonBody(req, agentResultsInput);
  return recordAgentResults(agent, input.results);
}
