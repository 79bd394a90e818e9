import { NextResponse } from "next/server";
import { jsonResponse } from "@/lib/http/json";
import { apiRoute } from "@/lib/http/api";
import { parseJsonBody } from "@/lib/http/body";
import { deleteCheck, getServiceCheck, updateCheck } from "@/lib/checks/manage";
import { publicCheck } from "@/lib/checks/public";
import { patchCheckSchema } from "@/lib/checks/schemas";

type P = { slug: string; id: string };

export const GET = apiRoute<P>(async (_req, { actor, params }) => {
  const check = await getServiceCheck(actor, params.slug, params.id);
  return jsonResponse({ check: publicCheck(check) });
});

export const PATCH = apiRoute<P>(async (req, { actor, params, audit }) => {
  const body = await parseJsonBody(req, patchCheckSchema);
  const check = await updateCheck(actor, params.slug, params.id, body, audit);
  return jsonResponse({ check: publicCheck(check) });
});

export const DELETE = apiRoute<P>(async (_req, { actor, params, audit }) => {
  await deleteCheck(actor, params.slug, params.id, audit);
  return new NextResponse(null, { status: 204 });
});
