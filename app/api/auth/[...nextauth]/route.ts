import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { clientIp } from "@/lib/auth/request";
import { authOptions } from "@/lib/auth/options";
import { errorResponse } from "@/lib/http/errors";
import { signInAttempt } from "@/lib/security/sign-in-attempt";

type Ctx = { params: Promise<{ nextauth: string[] }> };

function handler(req: NextRequest, ctx: Ctx) {
  return NextAuth(authOptions())(req, ctx);
}

export async function GET(req: NextRequest, ctx: Ctx) {
  return handler(req, ctx);
}

/**
 * Email sign-in requests count against the per-IP limit before next-auth reads the body (form or JSON
 * alike); the per-email limit is counted where the email is sent, on the address next-auth normalised
 * (lib/security/sign-in-attempt.ts). Either refusal answers 429 with Retry-After, and sends nothing.
 */
export async function POST(req: NextRequest, ctx: Ctx) {
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
