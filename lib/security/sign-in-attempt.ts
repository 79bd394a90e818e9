/**
 * Sign-in rate limits (issue #12). The route handler counts every email sign-in request per IP before
 * next-auth reads the body, so the body's encoding (form or JSON) cannot skip it; the per-email limit is
 * counted in sendVerificationRequest, on the address next-auth really sends to after its own
 * normalisation (`a@b.c,x`, ` A@B.C ` are one mailbox). A refusal there sends nothing, and the route
 * handler, which next-auth does not tell, answers 429 from the refusal recorded here.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { ApiError } from "@/lib/http/errors";
import { signInLimits } from "./limits";
import { enforceRateLimits } from "./rate-limit";

interface Attempt {
  refusal?: ApiError;
}

const attempts = new AsyncLocalStorage<Attempt>();

/** Count the request against the per-IP limit (throws 429), then run next-auth; a later refusal is returned. */
export async function signInAttempt(ip: string, run: () => Promise<Response>): Promise<Response | ApiError> {
  await enforceRateLimits([{ rule: signInLimits().perIp, subject: ip }]);
  const attempt: Attempt = {};
  const response = await attempts.run(attempt, run);
  return attempt.refusal ?? response;
}

/** Called just before a sign-in email is sent to `identifier`; throws (and records) the 429 when over the limit. */
export async function limitSignInEmail(identifier: string): Promise<void> {
  try {
    await enforceRateLimits([{ rule: signInLimits().perEmail, subject: identifier.trim().toLowerCase() }]);
  } catch (err) {
    const attempt = attempts.getStore();
    if (attempt && err instanceof ApiError) attempt.refusal = err;
    throw err;
  }
}
