/**
 * Which addresses a probe may connect to. Preflight is self-hosted next to the services it watches, so
 * private and loopback addresses are allowed by default; link-local and cloud-metadata addresses are
 * always refused (the classic SSRF target: http://169.254.169.254/ hands out cloud credentials).
 * The check is made on the resolved address that the socket then connects to, for every hop of a
 * redirect chain, so DNS rebinding and redirects cannot get around it.
 */
import { BlockList, isIP } from "node:net";

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

/** IPv4-mapped IPv6 (::ffff:169.254.169.254) is judged as the IPv4 address it carries. */
function normalise(address: string): { address: string; type: "ipv4" | "ipv6" } {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return { address: mapped[1]!, type: "ipv4" };
  return { address, type: isIP(address) === 6 ? "ipv6" : "ipv4" };
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
      const { address, type } = normalise(raw);
      if (always.check(address, type)) return `address ${raw} is link-local or a cloud metadata address, which probes never reach`;
      if (deny.cidrs.check(address, type)) return `address ${raw} is on the deny list (PROBE_DENY)`;
      if (!allow.empty) {
        const host = bare(hostname);
        if (!allow.cidrs.check(address, type) && !allow.hosts.some((r) => hostMatches(r, host))) {
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
