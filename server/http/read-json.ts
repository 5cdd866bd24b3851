import type { z } from "zod";
import { AppError } from "../errors";
import { assertStorableText } from "../shared/storable-text";
import { MAX_JSON_BODY_BYTES, readRequestBody } from "./read-body";

/**
 * Reads and validates a JSON request body: 415 without the JSON content type, 413 past 1,000,000 bytes (counted in
 * bytes while streaming), 400 for invalid UTF-8, invalid JSON, text that cannot be stored (NUL, lone surrogates) or
 * fields the schema refuses — each naming what is wrong.
 */
export async function readJsonBody<T extends z.ZodType>(req: Request, schema: T, maxBytes = MAX_JSON_BODY_BYTES): Promise<z.infer<T>> {
  const type = req.headers.get("content-type") ?? "";
  if (!type.includes("application/json")) {
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
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
    throw new AppError("VALIDATION", "Some fields are missing or invalid.", { issues });
  }
  return parsed.data;
}
