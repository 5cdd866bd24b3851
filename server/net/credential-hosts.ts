import ipaddr from "ipaddr.js";
import { z } from "zod";
import { NodeError } from "../nodes/node-error";
import type { TCredentialAuth } from "./credentials";
import { matchesHostPattern, normalizeHost } from "./outbound-guard";

// Where a stored credential may be sent. Invariant: every request that carries a credential (header or query
// parameter) goes to a host on that credential's list — checked before any connection, on the node's URL, on every
// redirect that keeps the credential, and on every request of an MCP session. An empty list allows no host.

const HOST_LABELS = /^(?=.{1,253}$)([a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)(\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)*$/;

/**
 * One allowed host as stored: an exact host (`api.example.com`, `127.0.0.1`, `::1`) or a leading wildcard for
 * subdomains (`*.example.com`), normalised (lower case, punycode). No scheme, port or path: those would never match.
 */
export const ZCredentialHost = z
  .string()
  .trim()
  .min(1, "Enter a host such as api.example.com or *.example.com")
  .max(255, "A host name has at most 253 characters")
  .transform((value, ctx) => {
    const isWildcard = value.startsWith("*.");
    const host = normalizeHost(isWildcard ? value.slice(2) : value);
    // Checked on the raw value too: IDNA conversion drops what follows a "/" or a ":".
    const hasUrlParts = /[/?#@\s]/.test(value) || (value.includes(":") && !ipaddr.isValid(host));
    const isValid = !hasUrlParts && (ipaddr.isValid(host) ? !isWildcard : HOST_LABELS.test(host));
    if (!isValid) {
      ctx.addIssue({
        code: "custom",
        message: `"${value.slice(0, 100)}" is not a host name: use a host such as api.example.com or *.example.com, without scheme, port or path`,
      });
      return z.NEVER;
    }
    return isWildcard ? `*.${host}` : host;
  });

export const ZCredentialHosts = z.array(ZCredentialHost).max(50, "A credential may list at most 50 hosts");

/** Refuses to send the credential in `auth` to `url`'s host unless its allowed hosts include it. */
export function assertCredentialMaySendTo(auth: TCredentialAuth, url: URL): void {
  const binding = auth.credential;
  if (!binding) return;
  const hostname = normalizeHost(url.hostname);
  if (binding.allowedHosts.some((pattern) => matchesHostPattern(hostname, pattern))) return;
  const details = { credential: binding.name, hostname, allowedHosts: binding.allowedHosts };
  if (binding.allowedHosts.length === 0) {
    throw new NodeError(
      "POLICY",
      `Credential "${binding.name}" has no allowed hosts, so it may not be sent anywhere (this request goes to ${hostname}). ` +
        "A credential's allowed hosts are set when it is created; Baton has no page to edit credentials yet, so an operator must set them.",
      { isRetryable: false, details },
    );
  }
  throw new NodeError(
    "POLICY",
    `Credential "${binding.name}" may only be sent to ${binding.allowedHosts.join(", ")}; this request goes to ${hostname}.`,
    { isRetryable: false, details },
  );
}

/** True when the request carries any part of the credential: one of its headers or a secret in the URL. */
export function carriesCredential(auth: TCredentialAuth, headers: Record<string, string>, url: URL): boolean {
  if (!auth.credential) return false;
  const hasHeader = Object.entries(auth.headers).some(([name, value]) => headers[name] === value);
  const hasQuery = [...url.searchParams.values()].some((value) => auth.secrets.some((secret) => secret.length > 0 && value.includes(secret)));
  return hasHeader || hasQuery;
}

/** The URL without the query parameters that carry the credential (for a redirect to another origin). */
export function withoutCredentialQuery(url: URL, auth: TCredentialAuth): URL {
  const copy = new URL(url.toString());
  for (const [name, value] of [...copy.searchParams.entries()]) {
    if (auth.secrets.some((secret) => secret.length > 0 && value.includes(secret))) copy.searchParams.delete(name, value);
  }
  return copy;
}
