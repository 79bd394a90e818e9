import { describe, expect, it } from "vitest";
import { clientIp } from "@/lib/auth/request";
import { parseEnv } from "@/lib/env";

const h = (init: Record<string, string>) => new Headers(init);

describe("the client IP behind the reverse proxy (rate limits per IP, audit entries)", () => {
  it("is the address the nearest proxy saw, not what the client wrote before it (nginx, Caddy and load balancers append)", () => {
    // The seed guides' nginx: proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for, which keeps the client's header.
    expect(clientIp(h({ "x-forwarded-for": "6.6.6.6, 203.0.113.5" }))).toBe("203.0.113.5");
    expect(clientIp(h({ "x-forwarded-for": "1.1.1.1,2.2.2.2, 203.0.113.5" }))).toBe("203.0.113.5");
    expect(clientIp(h({ "x-forwarded-for": "203.0.113.5" }))).toBe("203.0.113.5");
    expect(clientIp(h({ "x-forwarded-for": "::ffff:203.0.113.5" }))).toBe("203.0.113.5");
  });

  it("with more proxies in front (PREFLIGHT_PROXY_HOPS), counts that many from the right", () => {
    expect(clientIp(h({ "x-forwarded-for": "6.6.6.6, 198.51.100.7, 10.0.0.2" }), 2)).toBe("198.51.100.7");
    // Fewer entries than proxies: the leftmost one there is.
    expect(clientIp(h({ "x-forwarded-for": "198.51.100.7" }), 3)).toBe("198.51.100.7");
  });

  it("falls back to X-Real-IP, then 'unknown'", () => {
    expect(clientIp(h({ "x-real-ip": "203.0.113.9" }))).toBe("203.0.113.9");
    expect(clientIp(h({}))).toBe("unknown");
  });

  it("PREFLIGHT_PROXY_HOPS is 1 unless set, a whole number from 0", () => {
    expect(parseEnv({}).PREFLIGHT_PROXY_HOPS).toBe(1);
    expect(parseEnv({ PREFLIGHT_PROXY_HOPS: "2" }).PREFLIGHT_PROXY_HOPS).toBe(2);
    expect(() => parseEnv({ PREFLIGHT_PROXY_HOPS: "-1" })).toThrow(/PREFLIGHT_PROXY_HOPS/);
  });
});
