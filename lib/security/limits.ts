import { env } from "@/lib/env";
import type { RateLimit } from "./rate-limit";

export function signInLimits(): { perEmail: RateLimit; perIp: RateLimit } {
  const e = env();
  return {
    perEmail: { name: "signin:email", limit: e.RATE_LIMIT_SIGNIN_PER_EMAIL, windowSeconds: e.RATE_LIMIT_SIGNIN_WINDOW_SECONDS },
    perIp: { name: "signin:ip", limit: e.RATE_LIMIT_SIGNIN_PER_IP, windowSeconds: e.RATE_LIMIT_SIGNIN_WINDOW_SECONDS },
  };
}

export function invitationLimits(): { perInviter: RateLimit; perIp: RateLimit } {
  const limit = env().RATE_LIMIT_INVITES_PER_HOUR;
  return {
    perInviter: { name: "invite:user", limit, windowSeconds: 3600 },
    perIp: { name: "invite:ip", limit, windowSeconds: 3600 },
  };
}
