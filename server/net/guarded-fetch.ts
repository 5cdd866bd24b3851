import type { IncomingHttpHeaders } from "node:http";
import { Readable, Transform } from "node:stream";
import { NodeError } from "../nodes/node-error";
import { checkOutboundUrl, type TOutboundPolicy, type TResolver } from "./outbound-guard";
import { sendOutboundRequest } from "./outbound-request";
import { DEFAULT_MAX_RESPONSE_BYTES } from "./read-body";

// A fetch-compatible function for libraries that take one (the MCP SDK's transport), with every request checked by
// the outbound guard and connected to the checked address. Redirects are returned, not followed: a library that
// follows them calls this function again, so each hop is checked too.

export type TFetchLike = (url: string | URL, init?: RequestInit) => Promise<Response>;

export type TGuardedFetchOptions = {
  policy: TOutboundPolicy;
  /** Aborts every request made through this fetch (node timeout, run cancellation). */
  signal?: AbortSignal;
  maxResponseBytes?: number;
  resolve?: TResolver;
};

const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

export function createGuardedFetch(options: TGuardedFetchOptions): TFetchLike {
  const maxBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  return async (input, init = {}) => {
    const target = await checkOutboundUrl(input.toString(), options.policy, options.resolve);
    const signals = [init.signal, options.signal].filter((s): s is AbortSignal => Boolean(s));
    const signal = signals.length > 0 ? AbortSignal.any(signals) : new AbortController().signal;
    const method = (init.method ?? "GET").toUpperCase();
    const res = await sendOutboundRequest({
      target,
      method,
      headers: Object.fromEntries(new Headers(init.headers).entries()),
      body: await bodyBytes(init.body),
      signal,
    });
    const headers = toHeaders(res.headers);
    if (NULL_BODY_STATUSES.has(res.status) || method === "HEAD") {
      res.body.resume();
      return new Response(null, { status: res.status, statusText: res.statusText, headers });
    }
    const capped = res.body.pipe(byteCap(maxBytes, target.hostname));
    res.body.on("error", (error) => capped.destroy(error));
    const body = Readable.toWeb(capped) as unknown as ReadableStream<Uint8Array>;
    return new Response(body, { status: res.status, statusText: res.statusText, headers });
  };
}

async function bodyBytes(body: RequestInit["body"]): Promise<string | Uint8Array | undefined> {
  if (body === undefined || body === null) return undefined;
  if (typeof body === "string") return body;
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (body instanceof URLSearchParams) return body.toString();
  // Blobs, forms and streams: let the platform serialise them.
  return new Uint8Array(await new Response(body).arrayBuffer());
}

function toHeaders(incoming: IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  return headers;
}

function byteCap(maxBytes: number, hostname: string): Transform {
  let total = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      total += chunk.length;
      if (total > maxBytes) {
        callback(
          new NodeError("INVALID_OUTPUT", `The response from ${hostname} is larger than ${Math.round(maxBytes / 1048576)} MB, so it was not read.`, {
            isRetryable: false,
          }),
        );
        return;
      }
      callback(null, chunk);
    },
  });
}
