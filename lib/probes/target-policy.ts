/**
 * Which addresses a probe may connect to. Preflight is self-hosted next to the services it watches, so
 * private and loopback addresses are allowed by default; link-local and cloud-metadata addresses are
 * always refused (the classic SSRF target: http://169.254.169.254/ hands out cloud credentials).
 * The check is made on the resolved address that the socket then connects to, for every hop of a
 * redirect chain, so DNS rebinding and redirects cannot get around it.
 */
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { BlockList, isIP, type LookupFunction } from "node:net";

/** Always refused, whatever PROBE_ALLOW says. */
const ALWAYS_DENIED: readonly string[] = [
  "169.254.0.0/16", // IPv4 link-local, incl. AWS/GCP/Azure/OpenStack metadata 169.254.169.254
  "fe80::/10", // IPv6 link-local
  "fd00:ec2::254/128", // AWS metadata over IPv6
  "100.100.100.200/32", // Alibaba Cloud metadata
  "0.0.0.0/8", // "this network": connects to the local host on some systems
  "::/128",
];

export interface TargetPolicy {
  /** Host-name rules, checked before DNS: null when allowed, otherwise why not (shown on the check). */
  refuseHost(hostname: string): string | null;
  /** Rules on the resolved address (and the host name it was resolved from): null when allowed. */
  refuseAddress(address: string, hostname: string): string | null;
}

interface Rules {
  cidrs: BlockList;
  hosts: string[];
  empty: boolean;
}

function addCidr(list: BlockList, cidr: string): boolean {
  const [net, bits] = cidr.split("/");
  const family = isIP(net ?? "");
  if (!family) return false;
  const type = family === 6 ? "ipv6" : "ipv4";
  if (bits === undefined) list.addAddress(net!, type);
  else list.addSubnet(net!, Number(bits), type);
  return true;
}

function parseRules(spec: string): Rules {
  const cidrs = new BlockList();
  const hosts: string[] = [];
  const entries = spec.split(",").map((s) => s.trim().toLowerCase()).filter(Boolean);
  for (const e of entries) if (!addCidr(cidrs, e)) hosts.push(e);
  return { cidrs, hosts, empty: entries.length === 0 };
}

function hostMatches(rule: string, hostname: string): boolean {
  if (rule.startsWith("*.")) return hostname.endsWith(rule.slice(1)) && hostname.length > rule.length - 1;
  return hostname === rule;
}

/** The 16 bytes of an IPv6 address (a trailing dotted quad allowed), or null when it is not one. */
function ipv6Bytes(address: string): number[] | null {
  if (isIP(address) !== 6) return null;
  let text = address.toLowerCase();
  const quad = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (quad) {
    const [a, b, c, d] = quad.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, quad.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes("::") ? text.split("::") : [text, undefined];
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill("0"), ...right];
  if (groups.length !== 8) return null;
  return groups.flatMap((g) => {
    const n = parseInt(g, 16);
    return [n >> 8, n & 0xff];
  });
}

const zeros = (bytes: number[], from: number, to: number) => bytes.slice(from, to).every((b) => b === 0);
const dotted = (b: number[]) => b.join(".");

/**
 * The IPv4 address an IPv6 address carries, judged as that IPv4 address: IPv4-mapped (::ffff:a.b.c.d),
 * IPv4-compatible (::a.b.c.d, but not :: or the loopback ::1), NAT64 (64:ff9b::/96, and the local-use
 * 64:ff9b:1::/48 with the IPv4 address in the last 32 bits) and 6to4 (2002:aabb:ccdd::/16). A NAT64
 * gateway or 6to4 relay would carry the connection to that IPv4 address.
 */
export function embeddedIpv4(address: string): string | null {
  const b = ipv6Bytes(address);
  if (!b) return null;
  const last = b.slice(12);
  if (zeros(b, 0, 10) && b[10] === 0xff && b[11] === 0xff) return dotted(last);
  if (zeros(b, 0, 12) && (last[0]! | last[1]! | last[2]!) !== 0) return dotted(last);
  if (zeros(b, 0, 12) && last[3]! > 1) return dotted(last);
  if (b[0] === 0 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b) {
    if (zeros(b, 4, 12)) return dotted(last);
    if (b[4] === 0 && b[5] === 1) return dotted(last);
  }
  if (b[0] === 0x20 && b[1] === 0x02) return dotted(b.slice(2, 6));
  return null;
}

/** The forms an address is judged in: itself, and the IPv4 address it embeds, if any. */
function forms(address: string): { address: string; type: "ipv4" | "ipv6" }[] {
  const type = isIP(address) === 6 ? "ipv6" : "ipv4";
  const v4 = type === "ipv6" ? embeddedIpv4(address) : null;
  return [{ address, type }, ...(v4 ? [{ address: v4, type: "ipv4" as const }] : [])];
}

export function createTargetPolicy(options: { allow?: string; deny?: string } = {}): TargetPolicy {
  const always = new BlockList();
  for (const c of ALWAYS_DENIED) addCidr(always, c);
  const allow = parseRules(options.allow ?? "");
  const deny = parseRules(options.deny ?? "");
  const bare = (hostname: string) => hostname.toLowerCase().replace(/^\[|\]$/g, "");
  return {
    refuseHost(hostname) {
      const host = bare(hostname);
      if (deny.hosts.some((r) => hostMatches(r, host))) return `host ${host} is on the deny list (PROBE_DENY)`;
      return null;
    },
    refuseAddress(raw, hostname) {
      const judged = forms(raw);
      const any = (list: BlockList) => judged.some(({ address, type }) => list.check(address, type));
      if (any(always)) return `address ${raw} is link-local or a cloud metadata address, which probes never reach`;
      if (any(deny.cidrs)) return `address ${raw} is on the deny list (PROBE_DENY)`;
      if (!allow.empty) {
        const host = bare(hostname);
        if (!any(allow.cidrs) && !allow.hosts.some((r) => hostMatches(r, host))) {
          return `${host} (${raw}) is not on the allow list (PROBE_ALLOW)`;
        }
      }
      return null;
    },
  };
}

/**
 * Why a URL's host is refused before any DNS lookup (a literal link-local or metadata address, a host or
 * address rule), or null. A name that resolves to a refused address is only caught when it is probed.
 */
export function refuseUrlHost(policy: TargetPolicy, url: URL): string | null {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  return policy.refuseHost(host) ?? (isIP(host) ? policy.refuseAddress(host, host) : null);
}

/** Thrown by a policy lookup when every address of a name is refused: the socket never connects. */
export class TargetRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TargetRefusedError";
  }
}

/**
 * A DNS lookup for node:http(s) and node:tls that only ever hands the socket addresses the policy allows,
 * so what is checked is exactly what is connected to (no DNS rebinding between check and connect).
 * `onResolved` gets the DNS time in ms.
 */
export function policyLookup(policy: TargetPolicy, onResolved: (ms: number) => void = () => undefined): LookupFunction {
  return (hostname, options, callback) => {
    const started = performance.now();
    dnsLookup(hostname, { all: true, family: options.family ?? 0, hints: options.hints }, (err, addresses: LookupAddress[]) => {
      onResolved(performance.now() - started);
      if (err) return (callback as (e: Error) => void)(err);
      const allowed: LookupAddress[] = [];
      let reason: string | null = null;
      for (const a of addresses) {
        const refused = policy.refuseAddress(a.address, hostname);
        if (refused) reason ??= refused;
        else allowed.push(a);
      }
      if (allowed.length === 0) return (callback as (e: Error) => void)(new TargetRefusedError(reason ?? `no address for ${hostname}`));
      if (options.all) (callback as (e: null, a: LookupAddress[]) => void)(null, allowed);
      else (callback as (e: null, a: string, f: number) => void)(null, allowed[0]!.address, allowed[0]!.family);
    });
  };
}
