import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { assertSameOrigin, clientIp } from "@/lib/auth/request";
import { parseEnv } from "@/lib/env";
import { installPeerAddressStamp, PEER_HEADER } from "@/lib/server/peer-address";
import { isTrustedPeer } from "@/lib/server/trusted-proxies";

const h = (init: Record<string, string>) => new Headers(init);

/** The headers a request with `headers` arrives with at this process's HTTP server (stamped as at start). */
async function arrivingHeaders(headers: Record<string, string>): Promise<Headers> {
  installPeerAddressStamp();
  let seen: Headers | undefined;
  const server = http.createServer((req, res) => {
    seen = new Headers(Object.entries(req.headers).map(([k, v]) => [k, String(v)] as [string, string]));
    res.end();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  try {
    await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, { headers });
  } finally {
    server.close();
  }
  return seen!;
}

describe("the client IP behind a reverse proxy (rate limits per IP, audit entries)", () => {
  it("is the address the nearest proxy saw, not what the client wrote before it (nginx, Caddy and load balancers append)", () => {
    // The seed guides' nginx: proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for, which keeps the client's header.
    expect(clientIp(h({ "x-forwarded-for": "6.6.6.6, 203.0.113.5" }), 1)).toBe("203.0.113.5");
    expect(clientIp(h({ "x-forwarded-for": "1.1.1.1,2.2.2.2, 203.0.113.5" }), 1)).toBe("203.0.113.5");
    expect(clientIp(h({ "x-forwarded-for": "203.0.113.5" }), 1)).toBe("203.0.113.5");
    expect(clientIp(h({ "x-forwarded-for": "::ffff:203.0.113.5" }), 1)).toBe("203.0.113.5");
  });

  it("with more proxies in front (PREFLIGHT_PROXY_HOPS), counts that many from the right", () => {
    expect(clientIp(h({ "x-forwarded-for": "6.6.6.6, 198.51.100.7, 10.0.0.2" }), 2)).toBe("198.51.100.7");
    // Fewer entries than proxies: the leftmost one there is.
    expect(clientIp(h({ "x-forwarded-for": "198.51.100.7" }), 3)).toBe("198.51.100.7");
  });

  it("behind a proxy, falls back to X-Real-IP, then 'unknown'", () => {
    expect(clientIp(h({ "x-real-ip": "203.0.113.9" }), 1)).toBe("203.0.113.9");
    expect(clientIp(h({}), 1)).toBe("unknown");
  });

  it("PREFLIGHT_PROXY_HOPS is 0 unless set (a server reached directly), a whole number from 0", () => {
    expect(parseEnv({}).PREFLIGHT_PROXY_HOPS).toBe(0);
    expect(parseEnv({ PREFLIGHT_PROXY_HOPS: "2" }).PREFLIGHT_PROXY_HOPS).toBe(2);
    expect(() => parseEnv({ PREFLIGHT_PROXY_HOPS: "-1" })).toThrow(/PREFLIGHT_PROXY_HOPS/);
  });
});

describe("the client IP with no proxy in front (PREFLIGHT_PROXY_HOPS=0)", () => {
  it("ignores X-Forwarded-For and X-Real-IP, whatever the client writes, and uses the connection's address", async () => {
    const arrived = await arrivingHeaders({ "x-forwarded-for": "198.51.100.1", "x-real-ip": "198.51.100.2" });
    expect(clientIp(arrived, 0)).toBe("127.0.0.1");
    expect(clientIp(h({ "x-forwarded-for": "198.51.100.1", "x-real-ip": "198.51.100.2" }), 0)).toBe("unknown");
  });

  it("a client cannot send the peer stamp itself: it is overwritten on arrival, and a stamp without this process's nonce counts for nothing", async () => {
    const arrived = await arrivingHeaders({ [PEER_HEADER]: "198.51.100.3" });
    expect(arrived.get(PEER_HEADER)).not.toContain("198.51.100.3");
    expect(clientIp(arrived, 0)).toBe("127.0.0.1");
    expect(clientIp(h({ [PEER_HEADER]: "0123456789abcdef0123456789abcdef 198.51.100.3" }), 0)).toBe("unknown");
  });
});

describe("the same-origin check of cookie-authenticated writes", () => {
  const write = (headers: Record<string, string>) => new NextRequest("http://localhost:3000/api/v1/services", { method: "POST", headers });

  it("without a proxy, a client-sent X-Forwarded-Host does not make a foreign Origin acceptable", () => {
    const forged = write({ host: "localhost:3000", origin: "http://evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "http" });
    expect(() => assertSameOrigin(forged, 0)).toThrow(/Cross-site request refused/);
    expect(() => assertSameOrigin(write({ host: "localhost:3000", origin: "http://localhost:3000" }), 0)).not.toThrow();
  });

  it("behind a configured proxy, the origin the proxy forwarded is the app's", () => {
    const proxied = write({ host: "127.0.0.1:3000", origin: "https://preflight.example.com", "x-forwarded-host": "preflight.example.com", "x-forwarded-proto": "https" });
    expect(() => assertSameOrigin(proxied, 1)).not.toThrow();
    expect(() => assertSameOrigin(proxied, 0)).toThrow(/Cross-site request refused/);
  });
});

describe("forwarded headers only from the listed proxies (PREFLIGHT_TRUSTED_PROXIES)", () => {
  it("believes X-Forwarded-For when the connection comes from a listed proxy, by address or CIDR range", async () => {
    const arrived = await arrivingHeaders({ "x-forwarded-for": "6.6.6.6, 203.0.113.5" });
    expect(clientIp(arrived, 1, ["127.0.0.1"])).toBe("203.0.113.5");
    expect(clientIp(arrived, 1, ["127.0.0.0/8", "10.0.0.0/8"])).toBe("203.0.113.5");
    expect(clientIp(arrived, 1, [])).toBe("203.0.113.5"); // no list: PREFLIGHT_PROXY_HOPS alone decides
  });

  it("ignores X-Forwarded-For and X-Real-IP from a connection that is not a listed proxy (a client reaching the port directly)", async () => {
    const arrived = await arrivingHeaders({ "x-forwarded-for": "198.51.100.1", "x-real-ip": "198.51.100.2" });
    expect(clientIp(arrived, 1, ["10.0.0.0/8", "fd00::/8"])).toBe("127.0.0.1");
    // no stamped peer at all: nothing to trust
    expect(clientIp(h({ "x-forwarded-for": "198.51.100.1" }), 1, ["10.0.0.0/8"])).toBe("unknown");
  });

  it("matches IPv4-mapped IPv6 peers and IPv6 ranges", () => {
    expect(isTrustedPeer("::ffff:10.1.2.3", ["10.0.0.0/8"])).toBe(true);
    expect(isTrustedPeer("fd00::1", ["fd00::/8"])).toBe(true);
    expect(isTrustedPeer("2001:db8::1", ["fd00::/8", "10.0.0.1"])).toBe(false);
    expect(isTrustedPeer(null, ["10.0.0.1"])).toBe(false);
  });

  it("a forwarded host counts for the same-origin check only through a listed proxy", async () => {
    const arrived = await arrivingHeaders({});
    const proxied = new NextRequest("http://127.0.0.1:3000/api/v1/services", {
      method: "POST",
      headers: { host: "127.0.0.1:3000", origin: "https://preflight.example.com", "x-forwarded-host": "preflight.example.com", "x-forwarded-proto": "https", [PEER_HEADER]: arrived.get(PEER_HEADER)! },
    });
    expect(() => assertSameOrigin(proxied, 1, ["127.0.0.1"])).not.toThrow();
    expect(() => assertSameOrigin(proxied, 1, ["10.0.0.0/8"])).toThrow(/Cross-site request refused/);
  });

  it("is a list of addresses and CIDR ranges; anything else is refused at start", () => {
    expect(parseEnv({}).PREFLIGHT_TRUSTED_PROXIES).toEqual([]);
    expect(parseEnv({ PREFLIGHT_TRUSTED_PROXIES: " 10.0.0.0/8, 192.168.1.10 ,fd00::/8" }).PREFLIGHT_TRUSTED_PROXIES).toEqual(["10.0.0.0/8", "192.168.1.10", "fd00::/8"]);
    expect(() => parseEnv({ PREFLIGHT_TRUSTED_PROXIES: "nginx" })).toThrow(/PREFLIGHT_TRUSTED_PROXIES.*"nginx" is not an IP address or CIDR range/s);
    expect(() => parseEnv({ PREFLIGHT_TRUSTED_PROXIES: "10.0.0.0/33" })).toThrow(/prefix length outside 0–32/);
  });
});
