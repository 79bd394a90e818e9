import { NextResponse } from "next/server";
import { checkDatabase } from "@/lib/db/ready";

// Readiness: 200 when the database answers, 503 with the reason when it does not (within 2 s).
export const dynamic = "force-dynamic";

export async function GET() {
  const result = await checkDatabase();
  return result.ok
    ? NextResponse.json({ status: "ready", database: { ok: true, ms: result.ms } }, { headers: { "cache-control": "no-store" } })
    : NextResponse.json(
        { status: "unavailable", reason: result.reason },
        { status: 503, headers: { "cache-control": "no-store", "retry-after": "5" } },
      );
}
