import { jsonResponse } from "@/lib/http/json";
import { apiRoute } from "@/lib/http/api";
import { parseJsonBody } from "@/lib/http/body";
import { listVisibleServices, publicService } from "@/lib/services/list";
import { createService, createServiceSchema } from "@/lib/services/manage";

export const GET = apiRoute(async (_req, { actor }) => {
  const services = await listVisibleServices(actor);
  return jsonResponse({ services: services.map(publicService) });
});

export const POST = apiRoute(async (req, { actor, audit }) => {
  const body = await parseJsonBody(req, createServiceSchema);
  const service = await createService(actor, body, audit);
  return jsonResponse({ service: publicService(service) }, { status: 201, headers: { location: `/api/v1/services/${service.slug}` } });
});
