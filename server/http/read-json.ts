import type { z } from "zod";
import { AppError, parseOrThrow } from "../errors";
import { assertStorableText } from "../shared/storable-text";
import { MAX_JSON_BODY_BYTES, readRequestBody } from "./read-body";

// The media type before any parameters: `application/json`, or a structured `+json` type (RFC 6839), compared
// exactly. A type that merely contains "application/json" (`text/plain; x=application/json`) is refused: that one is
// CORS-safelisted, so another site could send it without a preflight.
const JSON_MEDIA_TYPE = /^application\/(?:json|[a-z0-9][a-z0-9!#$&^_.-]*\+json)$/;

/** Whether a Content-Type header names JSON (parameters such as `charset` are allowed and ignored). */
export function isJsonContentType(header: string | null): boolean {
  const mediaType = (header ?? "").split(";", 1)[0]!.trim().toLowerCase();
  return JSON_MEDIA_TYPE.test(mediaType);
}

/**
 * Reads and validates a JSON request body: 415 without a JSON content type (`application/json` or
 * `application/…+json`), 413 past 1,000,000 bytes (counted in bytes while streaming), 400 for invalid UTF-8, invalid
 * JSON, text that cannot be stored (NUL, lone surrogates) or fields the schema refuses — each naming what is wrong.
 */
export async function readJsonBody<T extends z.ZodType>(req: Request, schema: T, maxBytes = MAX_JSON_BODY_BYTES): Promise<z.infer<T>> {
  if (!isJsonContentType(req.headers.get("content-type"))) {
    await req.body?.cancel().catch(() => undefined);
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the body as JSON with the header Content-Type: application/json.");
  }
  const { text } = await readRequestBody(req, maxBytes);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : "invalid JSON";
    throw new AppError("BAD_REQUEST", `The request body is not valid JSON: ${detail}`);
  }
  assertStorableText(value);
  return parseOrThrow(schema, value) as z.infer<T>;
}
