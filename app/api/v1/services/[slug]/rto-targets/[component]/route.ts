import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/http/api";
import { deleteRtoTarget } from "@/lib/recovery/write";

/** Remove a component's RTO/RPO target (editors); its drills stay in the log. */
export const DELETE = apiRoute<{ slug: string; component: string }>(async (_req, { actor, params, audit }) => {
  await deleteRtoTarget(actor, params.slug, params.component, audit);
  return new NextResponse(null, { status: 204 });
});
