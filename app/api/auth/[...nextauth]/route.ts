import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { clientIp } from "@/lib/auth/request";
import { authOptions } from "@/lib/auth/options";
import { ApiError, errorResponse } from "@/lib/http/errors";
import { signInAttempt } from "@/lib/security/sign-in-attempt";

type Ctx = { params: Promise<{ nextauth: string[] }> };

function handler(req: NextRequest, ctx: Ctx) {
  return NextAuth(authOptions())(req, ctx);
}

export async function GET(req: NextRequest, ctx: Ctx) {
  return handler(req, ctx);
}

/**
 * A body that claims to be JSON must be a JSON object in UTF-8: next-auth reads it and fails with an
 * empty 500 otherwise (truncated JSON, `[]`, `"x"`, `null`, bytes that are not UTF-8, no body at all).
 */
async function refuseBadJson(req: NextRequest): Promise<Response | null> {
  // next-auth reads the body as JSON whenever the type mentions application/json.
  if (!(req.headers.get("content-type") ?? "").toLowerCase().includes("json")) return null;
  const bad = () => errorResponse(new ApiError("bad_request", "The request body is not a JSON object."));
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(await req.clone().arrayBuffer());
    const data: unknown = JSON.parse(text);
    return data !== null && typeof data === "object" && !Array.isArray(data) ? null : bad();
  } catch {
    return bad();
  }
}

/**
 * Email sign-in requests count against the per-IP limit before next-auth reads the body (form or JSON
 * alike); the per-email limit is counted where the email is sent, on the address next-auth normalised
 * (lib/security/sign-in-attempt.ts). Either refusal answers 429 with Retry-After, and sends nothing.
 */
export async function POST(req: NextRequest, ctx: Ctx) {
  const refused = await refuseBadJson(req);
  if (refused) return refused;
  const { nextauth } = await ctx.params;
  if (nextauth[0] === "signin" && nextauth[1] === "email") {
    try {
      const result = await signInAttempt(clientIp(req.headers), () => handler(req, ctx));
      return result instanceof Response ? result : errorResponse(result);
    } catch (err) {
      return errorResponse(err);
    }
  }
  return handler(req, ctx);
}
