/**
 * PREFLIGHT_TRUSTED_PROXIES: the addresses (IPs or CIDR ranges) of the reverse proxies in front of Preflight.
 * When set, forwarded headers (X-Forwarded-For/-Host/-Proto, X-Real-IP) are believed only on requests whose
 * TCP peer is one of them, so a client that reaches Preflight's port directly cannot write its own.
 */
import { BlockList, isIP } from "node:net";

export type ProxyList = readonly string[];

/** null when the entry is an address or CIDR range, else why not. */
export function proxyEntryProblem(entry: string): string | null {
  const [address, bits, extra] = entry.split("/");
  const family = isIP(address ?? "");
  if (!family || extra !== undefined) return `"${entry}" is not an IP address or CIDR range`;
  if (bits === undefined) return null;
  const n = Number(bits);
  const max = family === 4 ? 32 : 128;
  return /^\d+$/.test(bits) && n <= max ? null : `"${entry}" has a prefix length outside 0–${max}`;
}

const lists = new Map<string, BlockList>();

function blockListOf(entries: ProxyList): BlockList {
  const key = entries.join(",");
  let list = lists.get(key);
  if (!list) {
    list = new BlockList();
    for (const entry of entries) {
      const [address, bits] = entry.split("/") as [string, string | undefined];
      const type = isIP(address) === 6 ? "ipv6" : "ipv4";
      if (bits === undefined) list.addAddress(address, type);
      else list.addSubnet(address, Number(bits), type);
    }
    lists.set(key, list);
  }
  return list;
}

/** Whether forwarded headers from this peer are believed: always with no list, else only from a listed proxy. */
export function isTrustedPeer(peer: string | null, entries: ProxyList): boolean {
  if (entries.length === 0) return true;
  if (!peer) return false;
  const address = peer.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, "");
  const family = isIP(address);
  if (!family) return false;
  return blockListOf(entries).check(address, family === 6 ? "ipv6" : "ipv4");
}
