import type { IncomingHttpHeaders } from "node:http";
import { assertCredentialMaySendTo, carriesCredential, withoutCredentialQuery } from "../../net/credential-hosts";
import type { TCredentialAuth } from "../../net/credentials";
import { checkOutboundUrl, type TCheckedTarget, type TOutboundPolicy } from "../../net/outbound-guard";
import { sendOutboundRequest } from "../../net/outbound-request";
import { readBody } from "../../net/read-body";
import { NodeError } from "../node-error";
import type { TBuiltRequest } from "./build-request";

// One logical HTTP call: the request, any redirects (each hop checked by the outbound guard again, so a public
// host cannot bounce the call to an internal one), and the capped, decompressed body.

export type TExchangeResult = { status: number; statusText: string; headers: IncomingHttpHeaders; body: Buffer; url: URL };

export type TExchangeOptions = {
  policy: TOutboundPolicy;
  signal: AbortSignal;
  maxResponseBytes: number;
  followRedirects: boolean;
  auth: TCredentialAuth;
};

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;
const CREDENTIAL_HEADERS = ["authorization", "proxy-authorization", "cookie"];

export async function exchange(request: TBuiltRequest, first: TCheckedTarget, options: TExchangeOptions): Promise<TExchangeResult> {
  let current = request;
  let target = first;
  for (let hop = 0; ; hop++) {
    const res = await sendOutboundRequest({
      target,
      method: current.method,
      headers: current.headers,
      body: current.body,
      signal: options.signal,
    });
    const location = res.headers.location;
    if (!options.followRedirects || !REDIRECTS.has(res.status) || !location) {
      if (current.method === "HEAD") res.body.resume();
      const readOptions = { maxBytes: options.maxResponseBytes, signal: options.signal, hostname: target.hostname };
      const body = current.method === "HEAD" ? Buffer.alloc(0) : await readBody(res.body, readOptions);
      return { status: res.status, statusText: res.statusText, headers: res.headers, body, url: target.url };
    }
    res.body.resume();
    if (hop >= MAX_REDIRECTS) {
      throw new NodeError("UPSTREAM", `${request.url.host} redirected more than ${MAX_REDIRECTS} times; the request was stopped.`, {
        isRetryable: false,
      });
    }
    current = redirected(current, res.status, new URL(location, target.url), options.auth);
    // A redirect within the origin keeps the credential: the host must still be one it may go to.
    if (carriesCredential(options.auth, current.headers, current.url)) assertCredentialMaySendTo(options.auth, current.url);
    target = await checkOutboundUrl(current.url, options.policy);
  }
}

/** The request for the next hop, following the fetch standard's rules for methods and bodies. */
function redirected(request: TBuiltRequest, status: number, next: URL, auth: TCredentialAuth): TBuiltRequest {
  const headers = { ...request.headers };
  let { method, body } = request;
  if (status === 303 ? method !== "HEAD" : (status === 301 || status === 302) && method === "POST") {
    method = "GET";
    body = undefined;
    delete headers["content-type"];
    delete headers["content-length"];
  }
  let url = next;
  if (next.origin !== request.url.origin) {
    // Credentials were meant for the origin they were configured for, not wherever it redirects to: the redirect is
    // followed without them (headers, and query parameters carrying a secret when the Location repeats them).
    for (const name of [...CREDENTIAL_HEADERS, ...Object.keys(auth.headers)]) delete headers[name];
    url = withoutCredentialQuery(next, auth);
  }
  return { method, url, headers, body };
}
