import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { clientIp } from "@/lib/auth/request";
import { authOptions } from "@/lib/auth/options";
import { errorResponse } from "@/lib/http/errors";
import { enforceRateLimits } from "@/lib/security/rate-limit";
import { signInLimits } from "@/lib/security/limits";

type Ctx = { params: Promise<{ nextauth: string[] }> };

function handler(req: NextRequest, ctx: Ctx) {
  return NextAuth(authOptions())(req, ctx);
}

export async function GET(req: NextRequest, ctx: Ctx) {
  return handler(req, ctx);
}

/** Sign-in requests are rate limited per email and per IP (counted in PostgreSQL) before next-auth sees them. */
export async function POST(req: NextRequest, ctx: Ctx) {
  const { nextauth } = await ctx.params;
  if (nextauth[0] === "signin" && nextauth[1] === "email") {
    const form = await req.clone().formData().catch(() => null);
    const email = String(form?.get("email") ?? "").trim().toLowerCase();
    const limits = signInLimits();
    try {
      await enforceRateLimits([
        { rule: limits.perIp, subject: clientIp(req.headers) },
        ...(email ? [{ rule: limits.perEmail, subject: email }] : []),
      ]);
    } catch (err) {
      return errorResponse(err);
    }
  }
  return handler(req, ctx);
}
