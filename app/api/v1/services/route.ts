import { jsonResponse } from "@/lib/http/json";
import { apiRoute } from "@/lib/http/api";
import { parseJsonBody } from "@/lib/http/body";
import { parseQuery } from "@/lib/http/api-query";
import { listVisibleServices, publicService, serviceListQuery } from "@/lib/services/list";
import { createService, createServiceSchema } from "@/lib/services/manage";

/** Archived services are left out unless `?archived=include`. */
export const GET = apiRoute(async (req, { actor }) => {
  const { archived } = parseQuery(req.nextUrl.searchParams, serviceListQuery);
  const services = await listVisibleServices(actor, { archived: archived === "include" });
  return jsonResponse({ services: services.map(publicService) });
});

export const POST = apiRoute(async (req, { actor, audit }) => {
  const body = await parseJsonBody(req, createServiceSchema);
  const service = await createService(actor, body, audit);
  return jsonResponse({ service: publicService(service) }, { status: 201, headers: { location: `/api/v1/services/${service.slug}` } });
});
