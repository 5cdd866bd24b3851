import { getEnv } from "../config/env";
import { log } from "../log";
import { PEER_ADDRESS_HEADER } from "./peer-address.mjs";
import { parseTrustedProxies, resolveClientAddress, UNKNOWN_CLIENT, type TTrustedProxies } from "./trusted-proxies";

// The client's address as the web server saw it: the TCP peer, or — only when the peer is a configured trusted proxy —
// the address that proxy (and any trusted proxies before it) recorded in X-Forwarded-For. Client-written headers from
// anyone else are ignored, so they cannot change which rate-limit bucket a request lands in or what the audit records.

let cachedProxies: { source: string; ranges: TTrustedProxies } | undefined;
function trustedProxies(): TTrustedProxies {
  const source = getEnv().TRUSTED_PROXIES;
  if (cachedProxies?.source !== source) cachedProxies = { source, ranges: parseTrustedProxies(source).ranges };
  return cachedProxies.ranges;
}

let hasWarnedUnstamped = false;

/** The client address of a request, from the headers Next.js gives route handlers and next-auth. */
export function clientAddressFromHeaders(
  headers: Headers | Record<string, unknown> | undefined,
  trusted: TTrustedProxies = trustedProxies(),
): string {
  const read = (name: string): string | undefined => {
    const value = headers instanceof Headers ? headers.get(name) : headers?.[name];
    return typeof value === "string" ? value : undefined;
  };
  const peer = read(PEER_ADDRESS_HEADER);
  if (!peer) {
    if (!hasWarnedUnstamped) {
      hasWarnedUnstamped = true;
      log.warn("requests carry no peer address: start the web app with `npm run web` so per-address sign-in limits work");
    }
    return UNKNOWN_CLIENT;
  }
  return resolveClientAddress(peer, read("x-forwarded-for"), trusted);
}
