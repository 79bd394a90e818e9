import { jsonResponse } from "@/lib/http/json";
import { apiRoute } from "@/lib/http/api";
import { sendTestMessage } from "@/lib/alerts/test-message";
import { requireVisibleTeam } from "@/lib/teams/members";

/** 202 while the test message waits in the outbox (or for a retry); 200 once it was delivered or failed for good. */
export const POST = apiRoute<{ team: string; id: string }>(async (_req, { actor, params, audit }) => {
  const team = await requireVisibleTeam(actor, params.team);
  const delivery = await sendTestMessage(actor, team.id, params.id, audit);
  return jsonResponse({ delivery }, { status: delivery.status === "pending" ? 202 : 200 });
});
