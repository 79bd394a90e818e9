import { successPing } from "@/lib/recovery/ping-route";

// Cron-monitor style: GET and POST both count (a POST body is kept as the log excerpt).
export const dynamic = "force-dynamic";
export const GET = successPing;
export const POST = successPing;
