import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/http/api";
import { listChecklist, publicItem } from "@/lib/checklists/items";
import { requireService } from "@/lib/services/access";

export const GET = apiRoute<{ slug: string }>(async (_req, { actor, params }) => {
  const service = await requireService(actor, params.slug);
  const items = await listChecklist(service.id);
  return NextResponse.json({ items: items.map(publicItem) }, { headers: { "cache-control": "no-store" } });
});
