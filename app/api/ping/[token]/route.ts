import { headPing, successPing } from "@/lib/recovery/ping-route";

// Cron-monitor style: GET and POST both count (a POST body is kept as the log excerpt).
export const dynamic = "force-dynamic";
export const GET = successPing;
export const POST = successPing;
// HEAD (link unfurlers, `curl -I`) records nothing: 405 with Allow (lib/recovery/ping-route.ts).
export const HEAD = headPing;
