import { NextResponse } from "next/server";
import { jsonResponse } from "@/lib/http/json";
import { apiRoute } from "@/lib/http/api";
import { parseJsonBody } from "@/lib/http/body";
import { requireService } from "@/lib/services/access";
import { publicService } from "@/lib/services/list";
import { deleteService, deleteServiceSchema, updateService, updateServiceSchema } from "@/lib/services/manage";

type P = { slug: string };

export const GET = apiRoute<P>(async (_req, { actor, params }) => {
  const service = await requireService(actor, params.slug);
  return jsonResponse({ service: publicService(service) });
});

export const PATCH = apiRoute<P>(async (req, { actor, params, audit }) => {
  const body = await parseJsonBody(req, updateServiceSchema);
  const service = await updateService(actor, params.slug, body, audit);
  return jsonResponse({ service: publicService(service) });
});

/** `confirm` (the service's slug) comes in the JSON body, or as `?confirm=` for clients that send no body with DELETE. */
export const DELETE = apiRoute<P>(async (req, { actor, params, audit }) => {
  const query = req.nextUrl.searchParams.get("confirm");
  const body = await parseJsonBody(req, deleteServiceSchema);
  await deleteService(actor, params.slug, query !== null && body.confirm === undefined ? { confirm: query } : body, audit);
  return new NextResponse(null, { status: 204 });
});
