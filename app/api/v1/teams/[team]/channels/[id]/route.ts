import { NextResponse } from "next/server";
import { jsonResponse } from "@/lib/http/json";
import { apiRoute } from "@/lib/http/api";
import { parseJsonBody } from "@/lib/http/body";
import { deleteChannel, getChannel, updateChannel } from "@/lib/alerts/channels";
import { patchChannelSchema } from "@/lib/alerts/channel-schemas";
import { requireVisibleTeam } from "@/lib/teams/members";

type P = { team: string; id: string };

/** The channel with its newest deliveries. */
export const GET = apiRoute<P>(async (_req, { actor, params }) => {
  const team = await requireVisibleTeam(actor, params.team);
  return jsonResponse(await getChannel(actor, team.id, params.id));
});

export const PATCH = apiRoute<P>(async (req, { actor, params, audit }) => {
  const team = await requireVisibleTeam(actor, params.team);
  const body = await parseJsonBody(req, patchChannelSchema);
  return jsonResponse({ channel: await updateChannel(actor, team.id, params.id, body, audit) });
});

export const DELETE = apiRoute<P>(async (_req, { actor, params, audit }) => {
  const team = await requireVisibleTeam(actor, params.team);
  await deleteChannel(actor, team.id, params.id, audit);
  return new NextResponse(null, { status: 204 });
});
