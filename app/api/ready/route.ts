import { jsonResponse } from "@/lib/http/json";
import { checkDatabase } from "@/lib/db/ready";

// Readiness: 200 when the database answers, 503 with the reason when it does not (within 2 s).
export const dynamic = "force-dynamic";

export async function GET() {
  const result = await checkDatabase();
  return result.ok
    ? jsonResponse({ status: "ready", database: { ok: true, ms: result.ms } })
    : jsonResponse(
        { status: "unavailable", reason: result.reason },
        { status: 503, headers: { "retry-after": "5" } },
      );
}
