import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { newSigningSecret, signWebhook } from "@/lib/alerts/signature";
import { verifyPreflightSignature } from "../helpers/documented-verifier";

const secret = "whsec_test-secret";
const body = JSON.stringify({ id: "evt_1", type: "check.down", summary: "CryptoPulse: health check down" });
const at = new Date("2026-12-07T03:14:07.512Z");

describe("webhook signature", () => {
  it("is t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.<raw body>\">", () => {
    const t = Math.floor(at.getTime() / 1000);
    const expected = createHmac("sha256", secret).update(`${t}.${body}`).digest("hex");
    expect(signWebhook(secret, body, at)).toBe(`t=${t},v1=${expected}`);
  });

  it("verifies with the snippet of docs/alerting.md, and only for the same body and secret", () => {
    const header = signWebhook(secret, body, at);
    expect(verifyPreflightSignature(body, header, secret)).toBe(true);
    expect(verifyPreflightSignature(body.replace("down", "d0wn"), header, secret)).toBe(false);
    expect(verifyPreflightSignature(body, header, newSigningSecret())).toBe(false);
    expect(verifyPreflightSignature(body, header.replace(/t=\d+/, (m) => `${m}1`), secret)).toBe(false);
    expect(verifyPreflightSignature(body, "t=1", secret)).toBe(false);
  });

  it("rejects nothing for clock skew: a signature from long ago still verifies (refusing old ones is the receiver's call)", () => {
    const old = new Date("2020-01-01T00:00:00Z");
    expect(verifyPreflightSignature(body, signWebhook(secret, body, old), secret)).toBe(true);
  });

  it("makes a fresh secret each time", () => {
    expect(newSigningSecret()).toMatch(/^whsec_[\w-]{43}$/);
    expect(newSigningSecret()).not.toBe(newSigningSecret());
  });
});
