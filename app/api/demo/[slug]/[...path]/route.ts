import { setTimeout as sleep } from "node:timers/promises";
import { jsonResponse } from "@/lib/http/json";
import { demoHealthAnswer } from "@/lib/demo/endpoints";
import { env } from "@/lib/env";

export const dynamic = "force-dynamic";

// Development only: a production build answers 404 as for any unknown path.
export async function GET(_req: Request, { params }: { params: Promise<{ slug: string; path: string[] }> }) {
  const { slug, path } = await params;
  const answer = env().NODE_ENV === "production" ? null : demoHealthAnswer(slug, `/${path.join("/")}`, new Date());
  if (!answer) return jsonResponse({ error: { code: "not_found", message: "No such demo endpoint." } }, { status: 404 });
  await sleep(answer.delayMs);
  return new Response(answer.body, { status: answer.status, headers: { "content-type": answer.contentType, "cache-control": "no-store", ...answer.headers } });
}
