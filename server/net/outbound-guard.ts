import { lookup } from "node:dns/promises";
import type { LookupFunction } from "node:net";
import { domainToASCII } from "node:url";
import ipaddr from "ipaddr.js";
import { NodeError } from "../nodes/node-error";

// The SSRF guard in front of every request a node makes. Invariant: the addresses checked here are the only ones a
// connection may use — `pinnedLookup` hands them to the socket, so a DNS answer that changes between the check and
// the connect (DNS rebinding) cannot redirect the request to an internal address.

export type TOutboundPolicy = {
  /** Admin setting: lets nodes reach private, loopback and link-local addresses (cloud metadata stays blocked). */
  allowPrivateNetworks: boolean;
  /** The organisation's allow-list (exact hosts or `*.example.com`); empty means any host. */
  allowedHosts: string[];
  /** A node's own allow-list: narrows the organisation's list, never widens it. */
  nodeAllowedHosts?: string[];
};

export type TResolvedAddress = { address: string; family: 4 | 6 };
export type TResolver = (hostname: string) => Promise<TResolvedAddress[]>;
export type TCheckedTarget = { url: URL; hostname: string; addresses: TResolvedAddress[] };

export const STRICT_OUTBOUND_POLICY: TOutboundPolicy = { allowPrivateNetworks: false, allowedHosts: [] };

// Cloud instance-metadata endpoints hand out machine credentials: never reachable, whatever the admin setting says.
const METADATA_ADDRESSES = new Set(["169.254.169.254", "169.254.170.2", "100.100.100.200", "fd00:ec2::254"]);

const defaultResolver: TResolver = async (hostname) => {
  const found = await lookup(hostname, { all: true, verbatim: true });
  return found.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

/** Parses a node's URL and refuses anything but plain http(s) without embedded credentials. */
export function parseOutboundUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new NodeError("INVALID_CONFIG", `"${raw.slice(0, 200)}" is not a valid URL.`, { isRetryable: false });
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new NodeError("INVALID_CONFIG", `Only http and https URLs are allowed (got ${url.protocol.replace(":", "")}).`, {
      isRetryable: false,
    });
  }
  if (url.username || url.password) {
    throw new NodeError("INVALID_CONFIG", "Credentials in the URL are not allowed: store them as a credential instead.", {
      isRetryable: false,
    });
  }
  return url;
}

/**
 * `api.example.com` matches itself only; `*.example.com` matches any subdomain, not the bare domain. Both sides are
 * normalised first (case, trailing dot, IDNA to punycode, IP literals to their canonical form), and a pattern is a
 * host name only: one with a port or a path matches nothing.
 */
export function matchesHostPattern(hostname: string, pattern: string): boolean {
  const host = normalizeHost(hostname);
  const trimmed = pattern.trim();
  if (trimmed.startsWith("*.")) {
    const suffix = `.${normalizeHost(trimmed.slice(2))}`;
    return host.endsWith(suffix) && host.length > suffix.length;
  }
  return host === normalizeHost(trimmed);
}

export function assertHostAllowed(hostname: string, policy: TOutboundPolicy): void {
  const lists = [
    { list: policy.allowedHosts, owner: "the organisation's allowed hosts (Settings)" },
    { list: policy.nodeAllowedHosts ?? [], owner: "this node's allowed hosts" },
  ];
  for (const { list, owner } of lists) {
    if (list.length > 0 && !list.some((pattern) => matchesHostPattern(hostname, pattern))) {
      throw new NodeError("POLICY", `Host ${hostname} is not in ${owner}.`, { isRetryable: false, details: { hostname } });
    }
  }
}

export type TAddressClass = "public" | "private" | "metadata";

/**
 * Classifies one address. IPv6 forms that embed an IPv4 address — IPv4-mapped (`::ffff:a.b.c.d`), IPv4-translated
 * (`::ffff:0:a.b.c.d`), IPv4-compatible (`::a.b.c.d`), NAT64 (`64:ff9b::/96`), 6to4 (`2002::/16`) and Teredo
 * (`2001::/32`, server and obfuscated client) — are judged by the IPv4 addresses they embed, since a translator or
 * tunnel may deliver them there; an embedded metadata address wins over a private one, a private one over public.
 */
export function classifyAddress(address: string): TAddressClass {
  const parsed = ipaddr.parse(address.replace(/%.*$/, ""));
  if (parsed.kind() === "ipv4") return classifyIPv4(parsed as ipaddr.IPv4);
  const ipv6 = parsed as ipaddr.IPv6;
  if (METADATA_ADDRESSES.has(ipv6.toNormalizedString()) || METADATA_ADDRESSES.has(ipv6.toString())) return "metadata";
  const range = ipv6.range();
  if (range === "loopback" || range === "unspecified") return "private";
  const embedded = embeddedIPv4(ipv6);
  if (embedded.length > 0) return worstOf(embedded.map(classifyIPv4));
  // Only global unicast is public; every other special range (link-local, unique-local, multicast, local-use NAT64,
  // documentation, reserved) counts as private.
  return range === "unicast" ? "public" : "private";
}

function classifyIPv4(address: ipaddr.IPv4): TAddressClass {
  if (METADATA_ADDRESSES.has(address.toString())) return "metadata";
  // Only global unicast is public: private, loopback, link-local, CGNAT, multicast, unspecified and reserved are not.
  return address.range() === "unicast" ? "public" : "private";
}

const CLASS_RANK: Record<TAddressClass, number> = { public: 0, private: 1, metadata: 2 };

function worstOf(classes: TAddressClass[]): TAddressClass {
  return classes.reduce((worst, next) => (CLASS_RANK[next] > CLASS_RANK[worst] ? next : worst), "public");
}

/** The IPv4 addresses an IPv6 address stands for, by the 16-bit groups that carry them. */
function embeddedIPv4(address: ipaddr.IPv6): ipaddr.IPv4[] {
  const p = address.parts;
  const at = (hi: number, lo: number) => new ipaddr.IPv4([hi >> 8, hi & 0xff, lo >> 8, lo & 0xff]);
  const isZero = (from: number, to: number) => p.slice(from, to).every((part) => part === 0);
  const last = at(p[6] ?? 0, p[7] ?? 0);
  if (isZero(0, 5) && (p[5] === 0xffff || p[5] === 0)) return [last]; // mapped (::ffff:v4), compatible (::v4)
  if (isZero(0, 4) && p[4] === 0xffff && p[5] === 0) return [last]; // translated (::ffff:0:v4)
  if (p[0] === 0x64 && p[1] === 0xff9b && isZero(2, 6)) return [last]; // NAT64 well-known prefix
  if (p[0] === 0x2002) return [at(p[1] ?? 0, p[2] ?? 0)]; // 6to4
  if (p[0] === 0x2001 && p[1] === 0) return [at(p[2] ?? 0, p[3] ?? 0), at(~(p[6] ?? 0) & 0xffff, ~(p[7] ?? 0) & 0xffff)]; // Teredo
  return [];
}

export function assertAddressAllowed(address: string, policy: TOutboundPolicy): void {
  const kind = classifyAddress(address);
  if (kind === "metadata") {
    throw new NodeError("POLICY", `Requests to cloud metadata addresses are always blocked (${address}).`, {
      isRetryable: false,
      details: { address },
    });
  }
  if (kind === "private" && !policy.allowPrivateNetworks) {
    throw new NodeError(
      "POLICY",
      `Requests to private network addresses are blocked (${address}). An admin can allow them in Settings.`,
      { isRetryable: false, details: { address } },
    );
  }
}

/**
 * The checks that need no DNS lookup — http(s) without credentials, the allowed hosts, and a literal IP address's
 * class — for a URL saved now and requested later (the alert webhook): checkOutboundUrl repeats them, with the host's
 * resolved addresses, before every request.
 */
export function checkOutboundUrlWithoutLookup(raw: string, policy: TOutboundPolicy): URL {
  const url = parseOutboundUrl(raw);
  const hostname = normalizeHost(url.hostname);
  assertHostAllowed(hostname, policy);
  if (ipaddr.isValid(hostname)) assertAddressAllowed(hostname, policy);
  return url;
}

/** Resolves every address of the URL's host and refuses the request unless all of them are allowed. */
export async function checkOutboundUrl(
  raw: string | URL,
  policy: TOutboundPolicy,
  resolve: TResolver = defaultResolver,
): Promise<TCheckedTarget> {
  const url = parseOutboundUrl(raw.toString());
  const hostname = normalizeHost(url.hostname);
  assertHostAllowed(hostname, policy);
  const addresses = ipaddr.isValid(hostname) ? [literalAddress(hostname)] : await resolveHost(hostname, resolve);
  if (addresses.length === 0) throw dnsError(hostname, "ENOTFOUND");
  // One bad address refuses the host: a mixed answer is how rebinding attacks hide an internal address.
  for (const { address } of addresses) assertAddressAllowed(address, policy);
  return { url, hostname, addresses };
}

/** A socket `lookup` that answers with the checked addresses only, so the connection cannot go anywhere else. */
export function pinnedLookup(target: TCheckedTarget): LookupFunction {
  return (hostname, options, callback) => {
    if (normalizeHost(hostname) !== target.hostname) {
      callback(new NodeError("POLICY", `Unexpected lookup of ${hostname}.`, { isRetryable: false }), "", 4);
      return;
    }
    const candidates = options.family ? target.addresses.filter((a) => a.family === options.family) : target.addresses;
    const usable = candidates.length > 0 ? candidates : target.addresses;
    if (options.all) {
      callback(null, usable.map((a) => ({ address: a.address, family: a.family })));
      return;
    }
    const first = usable[0] as TResolvedAddress;
    callback(null, first.address, first.family);
  };
}

/** The form hosts are compared in: lower case, no brackets or trailing dot, punycode, canonical IP literals. */
export function normalizeHost(hostname: string): string {
  const host = hostname.trim().toLowerCase().replace(/^\[|\]$/g, "").replace(/\.$/, "");
  if (ipaddr.isValid(host)) return ipaddr.parse(host).toString();
  // IDNA conversion would cut "api.example.com/v1" to its host: a value with URL parts is kept, and matches nothing.
  if (/[/?#@\s]/.test(host)) return host;
  return domainToASCII(host) || host;
}

function literalAddress(hostname: string): TResolvedAddress {
  return { address: hostname, family: ipaddr.parse(hostname).kind() === "ipv6" ? 6 : 4 };
}

async function resolveHost(hostname: string, resolve: TResolver): Promise<TResolvedAddress[]> {
  try {
    return await resolve(hostname);
  } catch (error) {
    const code = error instanceof Error && "code" in error && typeof error.code === "string" ? error.code : "EAI_FAIL";
    throw dnsError(hostname, code);
  }
}

function dnsError(hostname: string, code: string): NodeError {
  // A missing name is a configuration problem; a failing resolver may recover on retry.
  const isRetryable = code === "EAI_AGAIN";
  return new NodeError("NETWORK", `Could not resolve host ${hostname} (${code}).`, { isRetryable, details: { hostname, code } });
}
