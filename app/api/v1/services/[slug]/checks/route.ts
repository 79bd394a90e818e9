import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/http/api";
import { parseJsonBody } from "@/lib/http/body";
import { createCheck, listServiceChecks } from "@/lib/checks/manage";
import { publicCheck } from "@/lib/checks/public";
import { createCheckSchema } from "@/lib/checks/schemas";

export const GET = apiRoute<{ slug: string }>(async (_req, { actor, params }) => {
  const checks = await listServiceChecks(actor, params.slug);
  return NextResponse.json({ checks: checks.map(publicCheck) }, { headers: { "cache-control": "no-store" } });
});

/** Editors and owners; only `url` is required. */
export const POST = apiRoute<{ slug: string }>(async (req, { actor, params, audit }) => {
  const body = await parseJsonBody(req, createCheckSchema);
  const check = await createCheck(actor, params.slug, body, audit);
  return NextResponse.json({ check: publicCheck(check) }, { status: 201 });
});
