import { badgeRoute } from "@/lib/badges/route";

export const dynamic = "force-dynamic";
export const GET = badgeRoute("uptime");
