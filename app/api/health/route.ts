import { NextResponse } from "next/server";

// Liveness: answers without touching the database, so a slow database never restarts the app.
export const dynamic = "force-dynamic";

export function GET() {
  return NextResponse.json({ status: "ok" }, { headers: { "cache-control": "no-store" } });
}
