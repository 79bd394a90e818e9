import { jsonResponse } from "@/lib/http/json";
import { apiRoute } from "@/lib/http/api";
import { parseJsonBody } from "@/lib/http/body";
import { createCheck, listServiceChecks } from "@/lib/checks/manage";
import { publicCheck } from "@/lib/checks/public";
import { createCheckSchema } from "@/lib/checks/schemas";

export const GET = apiRoute<{ slug: string }>(async (_req, { actor, params }) => {
  const checks = await listServiceChecks(actor, params.slug);
  return jsonResponse({ checks: checks.map(publicCheck) });
});

/** Editors and owners; only `url` is required. */
export const POST = apiRoute<{ slug: string }>(async (req, { actor, params, audit }) => {
  const body = await parseJsonBody(req, createCheckSchema);
  const check = await createCheck(actor, params.slug, body, audit);
  return jsonResponse({ check: publicCheck(check) }, { status: 201 });
});
