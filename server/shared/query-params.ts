// Lenient zod building blocks for URL query parameters. A bad value (?page=abc, ?status=NOPE) is dropped and the
// default applies, so a hand-edited URL never turns into a 500: list pages are read-only views, and silently
// ignoring a filter that cannot match anything is kinder than an error page.
import { z } from "zod";
import { assertStorableText, UNSTORABLE_PATTERN } from "./storable-text";

export type TRawParams = Record<string, string | string[] | undefined>;

/** Query strings may repeat a key; list filters only ever use the first value. */
export function firstValues(params: TRawParams): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(params)) out[key] = Array.isArray(value) ? value[0] : value;
  return out;
}

// Control characters have no place in a search box (NUL among them); what PostgreSQL cannot store is decided by
// storable-text.ts, so lone surrogates go too.
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/g;

/** Free text (search): control characters and unstorable characters removed, trimmed, capped, empty means absent. */
export function optionalText(max = 100) {
  return z
    .string()
    .transform((v) => v.replace(CONTROL_CHARS, "").replace(UNSTORABLE_PATTERN, "").trim())
    .pipe(z.string().max(max))
    .transform((v) => (v === "" ? undefined : v))
    .optional()
    .catch(undefined);
}

/** A database id (cuid) or similar opaque key. Authorization is checked by the caller, not here. */
export function optionalId() {
  return z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/)
    .optional()
    .catch(undefined);
}

export function optionalEnum<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values).optional().catch(undefined);
}

/** 1-based page number; anything invalid is page 1. */
export const ZPage = z.coerce.number().int().min(1).max(100_000).catch(1);

/** A prefix such as "workflow." for filtering dotted action names. */
export function optionalPrefix(max = 60) {
  return z
    .string()
    .trim()
    .max(max)
    .regex(/^[a-z0-9._:-]*$/i)
    .transform((v) => (v === "" ? undefined : v))
    .optional()
    .catch(undefined);
}

/**
 * The query parameters of a request that stores them (a webhook's `trigger.query`; a repeated name keeps its last
 * value); a name or value with a NUL or a lone surrogate is a 400 naming it (see storable-text.ts), never a failed insert.
 */
export function storableQuery(params: URLSearchParams, basePath: readonly string[] = ["query"]): Record<string, string> {
  const out: Record<string, string> = Object.fromEntries(params);
  assertStorableText(out, basePath);
  return out;
}
