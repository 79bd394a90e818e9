import { headPing, signalPing } from "@/lib/recovery/ping-route";

// /start opens a run, /fail records a failed backup; GET and POST both count.
export const dynamic = "force-dynamic";
export const GET = signalPing;
export const POST = signalPing;
// HEAD (link unfurlers, `curl -I`) records nothing: 405 with Allow (lib/recovery/ping-route.ts).
export const HEAD = headPing;
