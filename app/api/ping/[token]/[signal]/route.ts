import { signalPing } from "@/lib/recovery/ping-route";

// /start opens a run, /fail records a failed backup; GET and POST both count.
export const dynamic = "force-dynamic";
export const GET = signalPing;
export const POST = signalPing;
