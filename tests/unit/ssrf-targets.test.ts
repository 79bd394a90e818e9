/**
 * Probes and metric scrapes never reach a cloud metadata or link-local address, whatever form the address
 * takes: literal in any IPv4 spelling or IPv4-mapped IPv6 (refused when saved and when probed), behind a
 * redirect, or behind a DNS name (refused on the resolved address, before the socket connects).
 * DNS answers come from a stand-in resolver; the redirecting server is a real one on 127.0.0.1.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

/** Names the stand-in resolver knows; every other name goes to the real one. */
const FAKE_DNS: Record<string, { address: string; family: 4 | 6 }[]> = {
  "metadata.ssrf.test": [{ address: "169.254.169.254", family: 4 }],
  "aws-v6.ssrf.test": [{ address: "fd00:ec2::254", family: 6 }],
  "mapped.ssrf.test": [{ address: "::ffff:169.254.169.254", family: 6 }],
  "link-local.ssrf.test": [{ address: "fe80::1", family: 6 }],
  "link-local4.ssrf.test": [{ address: "169.254.10.20", family: 4 }],
  "alibaba.ssrf.test": [{ address: "100.100.100.200", family: 4 }],
  "nat64.ssrf.test": [{ address: "64:ff9b::a9fe:a9fe", family: 6 }],
  "6to4.ssrf.test": [{ address: "2002:a9fe:a9fe::1", family: 6 }],
};

vi.mock("node:dns", async (importOriginal) => {
  const real = await importOriginal<typeof import("node:dns")>();
  const lookup = ((hostname: string, options: unknown, callback: (...a: unknown[]) => void) => {
    const fake = FAKE_DNS[hostname];
    if (!fake) return (real.lookup as (...a: unknown[]) => void)(hostname, options, callback);
    const all = typeof options === "object" && options !== null && (options as { all?: boolean }).all;
    process.nextTick(() => (all ? callback(null, fake) : callback(null, fake[0]!.address, fake[0]!.family)));
  }) as typeof real.lookup;
  return { ...real, default: { ...real, lookup }, lookup };
});

const { httpProbe } = await import("@/lib/probes/http-probe");
const { createTargetPolicy, refuseUrlHost } = await import("@/lib/probes/target-policy");
const { probeTargetIssues } = await import("@/lib/probes/round");
const { fetchMetricsPage } = await import("@/lib/thresholds/scrape");
const { createSlackSender } = await import("@/lib/alerts/senders/slack");
const { createTeamsSender } = await import("@/lib/alerts/senders/teams");
const { sendingEvent } = await import("../helpers/alert-samples");

const policy = createTargetPolicy();
const options = { policy };

/** Literal spellings of 169.254.169.254 (and other refused addresses) that URL parsing normalises. */
const LITERAL_TARGETS = [
  "http://169.254.169.254/latest/meta-data/",
  "http://2852039166/",
  "http://0xA9FEA9FE/",
  "http://0xa9.0xfe.0xa9.0xfe/",
  "http://0251.0376.0251.0376/",
  "http://169.254.43518/",
  "http://169.254.169.254./",
  "http://[::ffff:169.254.169.254]/",
  "http://[::ffff:a9fe:a9fe]/",
  "http://[0:0:0:0:0:ffff:a9fe:a9fe]/",
  // IPv4-embedded IPv6: IPv4-compatible, NAT64 (well-known and local-use prefixes), 6to4.
  "http://[::a9fe:a9fe]/",
  "http://[::169.254.169.254]/",
  "http://[64:ff9b::a9fe:a9fe]/",
  "http://[64:ff9b::169.254.169.254]/",
  "http://[64:ff9b:1::a9fe:a9fe]/",
  "http://[2002:a9fe:a9fe::]/",
  "http://[64:ff9b::6464:64c8]/",
  "http://[fd00:ec2::254]/latest/meta-data/",
  "http://[fe80::1]/",
  "http://100.100.100.200/",
  "http://0.0.0.0:3000/",
  "https://169.254.169.254/",
];

describe("literal metadata and link-local addresses", () => {
  it.each(LITERAL_TARGETS)("%s is refused when a check or a metrics URL is saved", (url) => {
    expect(refuseUrlHost(policy, new URL(url))).toMatch(/link-local or a cloud metadata/);
    expect(probeTargetIssues(url)).toEqual([{ path: "url", message: expect.stringMatching(/^This URL cannot be probed: /) }]);
  });

  it.each(LITERAL_TARGETS)("%s is refused when probed, without a connection", async (url) => {
    const r = await httpProbe({ url, method: "GET", headers: {}, timeoutMs: 2000 }, options);
    expect(r.error?.errorClass).toBe("blocked");
    expect(r.refusedReason).toMatch(/link-local or a cloud metadata/);
    expect(r.latencyMs).toBeLessThan(500);
  });
});

describe("IPv4-embedded IPv6 forms are judged as the IPv4 address they carry", () => {
  it("loopback and ordinary IPv6 addresses stay allowed; embedded private addresses follow the lists", () => {
    for (const ok of ["::1", "2001:db8::1", "64:ff9b::a00:1", "2002:a00:1::1", "fd00::1"]) expect(policy.refuseAddress(ok, ok), ok).toBeNull();
    const denying = createTargetPolicy({ deny: "10.0.0.0/8" });
    for (const v6 of ["::ffff:10.0.0.1", "::10.0.0.1", "64:ff9b::a00:1", "64:ff9b:1::a00:1", "2002:a00:1::"]) {
      expect(denying.refuseAddress(v6, v6), v6).toMatch(/deny list/);
    }
  });
});

describe("names that resolve to metadata or link-local addresses", () => {
  it.each(Object.keys(FAKE_DNS))("http://%s/ is refused on its resolved address", async (host) => {
    // Not knowable when saved (no DNS then): refused at probe time.
    expect(probeTargetIssues(`http://${host}/`)).toEqual([]);
    const r = await httpProbe({ url: `http://${host}/latest/meta-data/`, method: "GET", headers: {}, timeoutMs: 2000 }, options);
    expect(r.error?.errorClass).toBe("blocked");
    expect(r.refusedReason).toMatch(/link-local or a cloud metadata/);
  });

  it("a metrics scrape of such a name is refused the same way", async () => {
    await expect(fetchMetricsPage("http://metadata.ssrf.test/metrics", { probeOptions: options })).rejects.toThrow(/^refused: address 169\.254\.169\.254 is link-local/);
    await expect(fetchMetricsPage("http://[::ffff:a9fe:a9fe]/metrics", { probeOptions: options })).rejects.toThrow(/^refused: /);
  });
});

describe("alert channels (Slack, Teams) to such targets", () => {
  const senders = [createSlackSender({ policy }), createTeamsSender({ policy })];
  const send = (url: string) =>
    Promise.all(senders.map((s) => s({ id: "ch", type: "slack", name: "x", url, emails: [], signingSecret: null }, [sendingEvent("check.down")], { signal: AbortSignal.timeout(2000), now: new Date() })));

  it.each([...LITERAL_TARGETS, ...Object.keys(FAKE_DNS).map((h) => `http://${h}/hook`)])("%s is refused as the send's error, never a throw", async (url) => {
    for (const result of await send(url)) expect(result).toEqual({ ok: false, status: null, error: expect.stringMatching(/^refused: .*link-local or a cloud metadata/) });
  });
});

describe("redirects to metadata addresses", () => {
  let server: http.Server;
  let base = "";
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const to = new URL(req.url ?? "/", "http://x").searchParams.get("to");
      res.writeHead(302, { location: to ?? "/" }).end();
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const REDIRECT_TARGETS = [...LITERAL_TARGETS, ...Object.keys(FAKE_DNS).map((h) => `http://${h}/latest/meta-data/`)];

  it.each(REDIRECT_TARGETS)("a redirect to %s is refused at that hop", async (target) => {
    const r = await httpProbe({ url: `${base}/health?to=${encodeURIComponent(target)}`, method: "GET", headers: { authorization: "Bearer s" }, timeoutMs: 2000 }, options);
    expect(r.error?.errorClass).toBe("blocked");
    expect(r.error?.message).toMatch(/after redirect to/);
    expect(r.refusedReason).toMatch(/link-local or a cloud metadata/);
  });

  it("a scrape whose page redirects to the metadata address is refused", async () => {
    await expect(fetchMetricsPage(`${base}/metrics?to=${encodeURIComponent("http://2852039166/")}`, { probeOptions: options })).rejects.toThrow(/^refused: /);
  });
});
