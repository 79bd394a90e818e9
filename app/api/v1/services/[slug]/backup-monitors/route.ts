import { jsonResponse } from "@/lib/http/json";
import { can } from "@/lib/auth/actor";
import { apiRoute } from "@/lib/http/api";
import { parseJsonBody } from "@/lib/http/body";
import { backupMonitorSchema } from "@/lib/recovery/schemas";
import { publicMonitor, recoveryOverview } from "@/lib/recovery/store";
import { createBackupMonitor } from "@/lib/recovery/write";
import { requireService } from "@/lib/services/access";

/** Backup monitors with their status; `pingUrl` only for editors and owners (it is the monitor's credential). */
export const GET = apiRoute<{ slug: string }>(async (_req, { actor, params }) => {
  const service = await requireService(actor, params.slug);
  const { monitors } = await recoveryOverview(service.id, { revealPingUrls: can(actor, service.teamId, "recovery:write") });
  return jsonResponse({ monitors: monitors.map(publicMonitor) });
});

/** Add a monitor (editors); the answer carries its ping URL. */
export const POST = apiRoute<{ slug: string }>(async (req, { actor, params, audit }) => {
  const body = await parseJsonBody(req, backupMonitorSchema);
  const { pingUrl } = await createBackupMonitor(actor, params.slug, body, audit);
  const service = await requireService(actor, params.slug);
  const { monitors } = await recoveryOverview(service.id, { revealPingUrls: true });
  const monitor = monitors.find((m) => m.component === body.component)!;
  return jsonResponse({ monitor: { ...publicMonitor(monitor), pingUrl } }, { status: 201 });
});
