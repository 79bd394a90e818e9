import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/http/api";
import { listVisibleServices, publicService } from "@/lib/services/list";

export const GET = apiRoute(async (_req, { actor }) => {
  const services = await listVisibleServices(actor);
  return NextResponse.json({ services: services.map(publicService) });
});
