// Reading INBOUND request bodies (route handlers, the webhook): streamed, counted in bytes, decoded strictly.
// (server/net/read-body.ts is the outbound counterpart, for responses of HTTP steps.)
import { AppError } from "../errors";

export const MAX_JSON_BODY_BYTES = 1_000_000;

function tooLarge(maxBytes: number): AppError {
  return new AppError("PAYLOAD_TOO_LARGE", `The request body is larger than ${maxBytes.toLocaleString("en-US")} bytes, the limit here.`);
}

/**
 * Reads a body stream chunk by chunk and stops (cancelling the stream) as soon as more than `maxBytes` arrived, so a
 * huge or endless chunked body costs at most about `maxBytes` of memory. A declared Content-Length over the limit is
 * refused before anything is read.
 */
export async function readBodyBytes(
  body: ReadableStream<Uint8Array> | null,
  options: { maxBytes: number; declaredLength?: string | null },
): Promise<Uint8Array> {
  const { maxBytes } = options;
  const declared = Number(options.declaredLength ?? "");
  if (options.declaredLength && Number.isFinite(declared) && declared > maxBytes) {
    await body?.cancel().catch(() => undefined);
    throw tooLarge(maxBytes);
  }
  if (!body) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

/** UTF-8 text of a body; bytes that are not valid UTF-8 are a 400, never silently replaced by U+FFFD. */
export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new AppError("BAD_REQUEST", "The request body is not valid UTF-8 text.");
  }
}

/** A request's body as raw bytes (for signatures) and as text, under a byte limit. */
export async function readRequestBody(req: Request, maxBytes: number): Promise<{ bytes: Uint8Array; text: string }> {
  const bytes = await readBodyBytes(req.body, { maxBytes, declaredLength: req.headers.get("content-length") });
  return { bytes, text: decodeUtf8(bytes) };
}
