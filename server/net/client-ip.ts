import { createHash, timingSafeEqual } from "node:crypto";
import { getEnv } from "../config/env";
import { log } from "../log";
import { PEER_ADDRESS_HEADER, PEER_TOKEN_ENV } from "./peer-address.mjs";
import { parseTrustedProxies, resolveClientAddress, UNKNOWN_CLIENT, type TTrustedProxies } from "./trusted-proxies";

// The client's address as the web server saw it: the TCP peer, or — only when the peer is a configured trusted proxy —
// the address that proxy (and any trusted proxies before it) recorded in X-Forwarded-For. Client-written headers from
// anyone else are ignored, so they cannot change which rate-limit bucket a request lands in or what the audit records.
// The peer header is believed only when it carries the token of this process's web server entry (peer-address.mjs):
// under a bare `next start` there is no token, and a client-written header would otherwise be taken at its word.

let cachedProxies: { source: string; ranges: TTrustedProxies } | undefined;
function trustedProxies(): TTrustedProxies {
  const source = getEnv().TRUSTED_PROXIES;
  if (cachedProxies?.source !== source) cachedProxies = { source, ranges: parseTrustedProxies(source).ranges };
  return cachedProxies.ranges;
}

const digest = (text: string) => createHash("sha256").update(text).digest();

/** The peer address in a stamped header value `<token> <address>`, or undefined unless the token is ours. */
function stampedPeer(value: string | undefined, token: string | undefined): string | undefined {
  if (!value || !token) return undefined;
  const space = value.indexOf(" ");
  if (space === -1) return undefined;
  // Compared as fixed-length digests in constant time, so the comparison tells nothing about the token.
  return timingSafeEqual(digest(value.slice(0, space)), digest(token)) ? value.slice(space + 1) : undefined;
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
  const peer = stampedPeer(read(PEER_ADDRESS_HEADER), process.env[PEER_TOKEN_ENV]);
  if (!peer) {
    if (!hasWarnedUnstamped) {
      hasWarnedUnstamped = true;
      log.warn(
        "requests carry no peer address stamped by Baton's web server: start the web app with `npm start` or `npm run web` " +
          "(not a bare `next start`), or every client counts as one address (`unknown`) for sign-in limits and the audit",
      );
    }
    return UNKNOWN_CLIENT;
  }
  return resolveClientAddress(peer, read("x-forwarded-for"), trusted);
}
