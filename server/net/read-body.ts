import type { IncomingMessage } from "node:http";
import { pipeline, type Readable } from "node:stream";
import zlib from "node:zlib";
import { NodeError } from "../nodes/node-error";
import { abortError } from "./abort";
import { networkError } from "./outbound-request";

export const DEFAULT_MAX_RESPONSE_BYTES = 5 * 1024 * 1024;

export type TReadBodyOptions = { maxBytes: number; signal: AbortSignal; hostname: string };

/**
 * Reads a response body into memory, decompressed, refusing more than `maxBytes` (counted after decompression, so a
 * small compressed bomb cannot blow up the worker). Stops reading, and closes the connection, the moment a limit or
 * the signal says so.
 */
export async function readBody(res: IncomingMessage, options: TReadBodyOptions): Promise<Buffer> {
  const { maxBytes, signal, hostname } = options;
  const declared = Number(res.headers["content-length"]);
  if (Number.isFinite(declared) && declared > maxBytes && !res.headers["content-encoding"]) {
    res.destroy();
    throw tooLarge(hostname, maxBytes);
  }
  const stream = decode(res);
  const chunks: Buffer[] = [];
  let total = 0;
  const onAbort = () => res.destroy();
  signal.addEventListener("abort", onAbort, { once: true });
  try {
    for await (const chunk of stream) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
      total += buffer.length;
      if (total > maxBytes) {
        res.destroy();
        throw tooLarge(hostname, maxBytes);
      }
      chunks.push(buffer);
    }
  } catch (error) {
    if (error instanceof NodeError) throw error;
    if (signal.aborted) throw abortError(signal, `Reading the response from ${hostname}`);
    throw networkError(error, hostname);
  } finally {
    signal.removeEventListener("abort", onAbort);
  }
  if (signal.aborted) throw abortError(signal, `Reading the response from ${hostname}`);
  return Buffer.concat(chunks, total);
}

function decode(res: IncomingMessage): Readable {
  const encoding = String(res.headers["content-encoding"] ?? "").trim().toLowerCase();
  const decoder =
    encoding === "gzip" || encoding === "x-gzip"
      ? zlib.createGunzip()
      : encoding === "deflate"
        ? zlib.createInflate()
        : encoding === "br"
          ? zlib.createBrotliDecompress()
          : undefined;
  if (!decoder) return res;
  // pipeline forwards errors and destroys both ends; the for-await in readBody surfaces the error.
  return pipeline(res, decoder, () => undefined);
}

function tooLarge(hostname: string, maxBytes: number): NodeError {
  const mb = Math.round((maxBytes / (1024 * 1024)) * 10) / 10;
  return new NodeError(
    "INVALID_OUTPUT",
    `The response from ${hostname} is larger than ${mb} MB, so it was not read. Ask the API for less data (filters, pagination).`,
    { isRetryable: false, details: { hostname, maxBytes } },
  );
}
