import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/http/api";
import { deleteBackupMonitor } from "@/lib/recovery/write";

/** Remove a component's backup monitor (editors); its ping URL stops working, its backups stay in the log. */
export const DELETE = apiRoute<{ slug: string; component: string }>(async (_req, { actor, params, audit }) => {
  await deleteBackupMonitor(actor, params.slug, params.component, audit);
  return new NextResponse(null, { status: 204 });
});
