import { jsonResponse } from "@/lib/http/json";
import { apiRoute } from "@/lib/http/api";
import { parseJsonBody } from "@/lib/http/body";
import { createChannel, listChannels } from "@/lib/alerts/channels";
import { createChannelSchema } from "@/lib/alerts/channel-schemas";
import { requireVisibleTeam } from "@/lib/teams/members";

type P = { team: string };

export const GET = apiRoute<P>(async (_req, { actor, params }) => {
  const team = await requireVisibleTeam(actor, params.team);
  return jsonResponse({ channels: await listChannels(actor, team.id) });
});

/** A webhook's signing secret is in this answer (and the rotate answer) only; it is stored sealed. */
export const POST = apiRoute<P>(async (req, { actor, params, audit }) => {
  const team = await requireVisibleTeam(actor, params.team);
  const body = await parseJsonBody(req, createChannelSchema);
  const { channel, signingSecret } = await createChannel(actor, team.id, body, audit);
  return jsonResponse({ channel: signingSecret ? { ...channel, signingSecret } : channel }, { status: 201 });
});
