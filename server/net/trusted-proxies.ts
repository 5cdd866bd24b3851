import ipaddr from "ipaddr.js";

// Which address a request came from, given the TCP peer, X-Forwarded-For and the proxies we trust. Pure functions:
// server/config/env.ts validates TRUSTED_PROXIES with them, server/net/client-ip.ts applies them to requests.

/** The address used when the peer is unknown or unreadable: one shared bucket, never a client-chosen one. */
export const UNKNOWN_CLIENT = "unknown";

type TRange = [ipaddr.IPv4 | ipaddr.IPv6, number];
export type TTrustedProxies = readonly TRange[];

/** Parses one address as it may appear in X-Forwarded-For: IPv4, IPv6, `[IPv6]`, with an optional port. */
export function parseAddress(raw: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  let text = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(text);
  if (bracketed) text = bracketed[1]!;
  else if (/^[\d.]+:\d{1,5}$/.test(text)) text = text.slice(0, text.lastIndexOf(":"));
  text = text.replace(/%[\w.-]+$/, ""); // an IPv6 zone names a local interface, not a client
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return ipaddr.IPv4.parse(text);
  if (ipaddr.IPv6.isValid(text)) return ipaddr.process(text); // IPv4-mapped IPv6 becomes plain IPv4
  return null;
}

/** Parses TRUSTED_PROXIES: addresses or CIDR ranges separated by commas or spaces. Lists the entries it refused. */
export function parseTrustedProxies(value: string): { ranges: TTrustedProxies; invalid: string[] } {
  const ranges: TRange[] = [];
  const invalid: string[] = [];
  for (const entry of value.split(/[\s,]+/).filter(Boolean)) {
    const slash = entry.indexOf("/");
    const address = parseAddress(slash === -1 ? entry : entry.slice(0, slash));
    const bits = slash === -1 ? undefined : entry.slice(slash + 1);
    if (!address || (bits !== undefined && !/^\d{1,3}$/.test(bits))) {
      invalid.push(entry);
      continue;
    }
    const max = address.kind() === "ipv4" ? 32 : 128;
    const prefix = bits === undefined ? max : Number(bits);
    if (prefix > max) invalid.push(entry);
    else ranges.push([address, prefix]);
  }
  return { ranges, invalid };
}

function isTrusted(address: ipaddr.IPv4 | ipaddr.IPv6, trusted: TTrustedProxies): boolean {
  return trusted.some(([range, bits]) => range.kind() === address.kind() && address.match(range, bits));
}

/**
 * Walks from the TCP peer leftwards through X-Forwarded-For while each hop is a trusted proxy, and returns the first
 * address that is not (the client as the outermost trusted proxy saw it). A malformed entry ends the walk at the
 * nearest trusted hop, because nothing left of it can be attributed to a proxy we trust.
 */
export function resolveClientAddress(peer: string, forwardedFor: string | undefined, trusted: TTrustedProxies): string {
  let current = parseAddress(peer);
  if (!current) return UNKNOWN_CLIENT;
  const hops = (forwardedFor ?? "").split(",").map((hop) => hop.trim()).filter(Boolean);
  while (isTrusted(current, trusted) && hops.length > 0) {
    const next = parseAddress(hops.pop()!);
    if (!next) break;
    current = next;
  }
  return current.toString();
}

/**
 * What per-address limits key on: an IPv4 address as it is, an IPv6 address by its /64 (one subscriber's network:
 * whoever holds a /64 can use every address in it, so keying single IPv6 addresses would give unlimited buckets).
 * The audit records the full address; only the counters use this. Unreadable values (`unknown`) are kept as they are.
 */
export function addressBucket(address: string): string {
  const parsed = parseAddress(address);
  if (!parsed) return address;
  if (parsed.kind() === "ipv4") return parsed.toString();
  const parts = (parsed as ipaddr.IPv6).parts;
  return `${new ipaddr.IPv6([...parts.slice(0, 4), 0, 0, 0, 0]).toString()}/64`;
}
