import { jsonResponse } from "@/lib/http/json";

// Liveness: answers without touching the database, so a slow database never restarts the app.
export const dynamic = "force-dynamic";

export function GET() {
  return jsonResponse({ status: "ok" });
}
