import http, { type IncomingHttpHeaders, type IncomingMessage } from "node:http";
import https from "node:https";
import { NodeError } from "../nodes/node-error";
import { abortError } from "./abort";
import { pinnedLookup, type TCheckedTarget } from "./outbound-guard";

// One HTTP exchange with a host that outbound-guard has already checked. Built on node:http(s) rather than fetch:
// `undici` is not a dependency (Node's global fetch bundles its own copy, and mixing versions of its Dispatcher is
// fragile), while node:http takes a `lookup` option natively, so the socket connects to the checked address.

export type TOutboundRequest = {
  target: TCheckedTarget;
  method: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
  /** Aborts the exchange (connect, upload or download): timeout or cancellation. */
  signal: AbortSignal;
};

export type TOutboundResponse = {
  status: number;
  statusText: string;
  headers: IncomingHttpHeaders;
  /** Unread body; the caller must consume or destroy it. */
  body: IncomingMessage;
};

type TPinnedOptions = { pinKey?: unknown };

// Keep-alive pools keyed by the checked addresses as well as host and port: a pooled socket is only reused by a
// request whose own check allowed the very address that socket is connected to.
function pinKeyOf(options: unknown): string {
  const key = (options as TPinnedOptions | undefined)?.pinKey;
  return typeof key === "string" ? key : "";
}

class PinnedHttpAgent extends http.Agent {
  override getName(options?: http.ClientRequestArgs): string {
    return `${super.getName(options)}|${pinKeyOf(options)}`;
  }
}

class PinnedHttpsAgent extends https.Agent {
  override getName(options?: https.RequestOptions): string {
    return `${super.getName(options)}|${pinKeyOf(options)}`;
  }
}

// As many idle sockets kept as may be busy: a worker calling one host from many runs at once would otherwise close
// most sockets after each burst and reconnect for the next (measured: a third of the requests opened a connection).
const AGENT_OPTIONS = { keepAlive: true, maxSockets: 64, maxFreeSockets: 64, scheduling: "lifo" as const };
const httpAgent = new PinnedHttpAgent(AGENT_OPTIONS);
const httpsAgent = new PinnedHttpsAgent(AGENT_OPTIONS);

export function sendOutboundRequest(request: TOutboundRequest): Promise<TOutboundResponse> {
  const { target, signal } = request;
  const isHttps = target.url.protocol === "https:";
  if (signal.aborted) return Promise.reject(abortError(signal, `The request to ${target.hostname}`));
  return new Promise<TOutboundResponse>((resolve, reject) => {
    const options: https.RequestOptions & TPinnedOptions = {
      method: request.method,
      hostname: target.hostname,
      port: target.url.port || (isHttps ? 443 : 80),
      path: `${target.url.pathname}${target.url.search}`,
      headers: request.headers,
      agent: isHttps ? httpsAgent : httpAgent,
      lookup: pinnedLookup(target),
      pinKey: target.addresses.map((a) => a.address).join(","),
      signal,
    };
    const req = (isHttps ? https : http).request(options, (res) => {
      resolve({ status: res.statusCode ?? 0, statusText: res.statusMessage ?? "", headers: res.headers, body: res });
    });
    req.on("error", (error) => {
      reject(signal.aborted ? abortError(signal, `The request to ${target.hostname}`) : networkError(error, target.hostname));
    });
    req.end(request.body);
  });
}

const CONFIG_CODES = new Set(["ERR_TLS_CERT_ALTNAME_INVALID", "DEPTH_ZERO_SELF_SIGNED_CERT", "SELF_SIGNED_CERT_IN_CHAIN"]);

/** Socket-level failures become NETWORK errors; certificate problems will not fix themselves, so no retry. */
export function networkError(error: unknown, hostname: string): NodeError {
  if (error instanceof NodeError) return error;
  const code = error instanceof Error && "code" in error && typeof error.code === "string" ? error.code : "UNKNOWN";
  const detail = error instanceof Error ? error.message : String(error);
  const isCertificateProblem = CONFIG_CODES.has(code) || code.startsWith("CERT_") || code.startsWith("ERR_TLS");
  return new NodeError("NETWORK", `The request to ${hostname} failed: ${detail}`, {
    isRetryable: !isCertificateProblem,
    details: { hostname, code },
  });
}
