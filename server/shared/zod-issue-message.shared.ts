// Zod's issues in English a person reads: "Must have at least 1 entry." rather than zod's own "Too small: expected
// array to have >=1 items". A message the schema's author wrote ("Enter an http:// or https:// URL.") is kept as it is.
// The one place the app words zod's issues: the API's 400s (errors.ts parseOrThrow, http/read-json.ts), the policy
// document's problems (policy/validate-document.ts) and the forms that validate in the browser all use it.
import type { z } from "zod";

type TIssue = z.core.$ZodIssue;
export type TIssueLine = { path: string; message: string };

/** "1 entry", "2 entries", "1 character", "3 characters". */
export function countOf(n: number | bigint, singular: string, plural = `${singular}s`): string {
  return `${formatNumber(n)} ${n === 1 || n === 1n ? singular : plural}`;
}

function formatNumber(n: number | bigint): string {
  return typeof n === "bigint" || Number.isInteger(n) ? n.toLocaleString("en") : String(n);
}

/** Zod's own wording per issue code (its English locale); anything else was written by the schema's author. */
const ZOD_WORDING: Partial<Record<TIssue["code"], RegExp>> = {
  invalid_type: /^Invalid input: expected /,
  invalid_value: /^Invalid (input|option): expected /,
  too_small: /^Too small: expected /,
  too_big: /^Too big: expected /,
  invalid_format: /^Invalid /,
  not_multiple_of: /^Invalid number: must be a multiple of /,
  unrecognized_keys: /^Unrecognized keys?: /,
  invalid_key: /^Invalid key in /,
  invalid_element: /^Invalid value in /,
  invalid_union: /^Invalid (input|discriminator)/,
};

/** Whether the issue still carries zod's own wording (the schema's author wrote none). */
export function hasZodWording(issue: TIssue): boolean {
  return ZOD_WORDING[issue.code]?.test(issue.message) ?? false;
}

const TYPE_NAMES: Record<string, string> = {
  string: "text",
  number: "a number",
  int: "a whole number",
  bigint: "a whole number",
  boolean: "true or false",
  array: "a list",
  object: "an object",
  record: "an object",
  date: "a date",
  null: "null",
  nan: "not a number",
};

const FORMAT_NAMES: Record<string, string> = {
  email: "an email address",
  url: "a URL",
  uuid: "a UUID",
  cuid: "a cuid",
  datetime: "a date and time (ISO 8601)",
  date: "a date (YYYY-MM-DD)",
  time: "a time (HH:MM)",
  ipv4: "an IPv4 address",
  ipv6: "an IPv6 address",
  base64: "base64 text",
  base64url: "base64url text",
};

const UNITS: Record<string, [string, string]> = {
  string: ["character", "characters"],
  array: ["entry", "entries"],
  set: ["entry", "entries"],
  map: ["entry", "entries"],
  file: ["byte", "bytes"],
};

const quote = (v: unknown) => (typeof v === "string" ? JSON.stringify(v) : String(v));

/** "a", "a or b", "a, b or c". */
function alternatives(values: readonly string[]): string {
  if (values.length <= 1) return values.join("");
  return `${values.slice(0, -1).join(", ")} or ${values.at(-1)}`;
}

function bound(origin: string, kind: "min" | "max", limit: number | bigint, inclusive: boolean | undefined, exact: boolean | undefined): string {
  const units = UNITS[origin];
  if (units) {
    if (kind === "min" && !exact && Number(limit) === 1 && inclusive !== false && origin === "string") return "must not be empty";
    const relation = exact ? "exactly" : kind === "min" ? (inclusive === false ? "more than" : "at least") : inclusive === false ? "fewer than" : "at most";
    return `must have ${relation} ${countOf(limit, units[0], units[1])}`;
  }
  const relation = exact ? "exactly" : kind === "min" ? (inclusive === false ? "more than" : "at least") : inclusive === false ? "less than" : "at most";
  return `must be ${relation} ${formatNumber(limit)}`;
}

/**
 * The problem as a predicate ("must have at least 1 entry", "is required"): for messages that follow a path
 * ("tools.http[0].hosts: must have at least 1 entry"). A message the schema's author wrote is returned as written.
 */
export function issuePredicate(issue: TIssue): string {
  if (!hasZodWording(issue)) return issue.message;
  switch (issue.code) {
    case "invalid_type": {
      const received = /received (\w+)$/.exec(issue.message)?.[1];
      if (received === "undefined") return "is required";
      if (issue.expected === "int" && received === "number") return "must be a whole number";
      const expected = issue.expected === "number" && /^received NaN$/.test(received ?? "") ? "a number" : (TYPE_NAMES[issue.expected] ?? issue.expected);
      const got = received ? TYPE_NAMES[received] : undefined;
      return got && got !== expected ? `must be ${expected}, not ${got}` : `must be ${expected}`;
    }
    case "invalid_value":
      return issue.values.length === 1 ? `must be ${quote(issue.values[0])}` : `must be one of ${alternatives(issue.values.map(quote))}`;
    case "too_small":
      return bound(issue.origin, "min", issue.minimum, issue.inclusive, issue.exact);
    case "too_big":
      return bound(issue.origin, "max", issue.maximum, issue.inclusive, issue.exact);
    case "invalid_format": {
      if (issue.format === "starts_with") return `must start with ${quote((issue as { prefix?: string }).prefix ?? "")}`;
      if (issue.format === "ends_with") return `must end with ${quote((issue as { suffix?: string }).suffix ?? "")}`;
      if (issue.format === "includes") return `must contain ${quote((issue as { includes?: string }).includes ?? "")}`;
      const name = FORMAT_NAMES[issue.format];
      return name ? `must be ${name}` : "is not in the expected format";
    }
    case "not_multiple_of":
      return `must be a multiple of ${formatNumber(issue.divisor)}`;
    case "unrecognized_keys":
      return `has unknown ${issue.keys.length === 1 ? "field" : "fields"} ${alternatives(issue.keys.map(quote)).replace(/ or ([^ ]+)$/, " and $1")}`;
    case "invalid_key":
      return "has a key that is not allowed";
    case "invalid_element":
      return "has a value that is not allowed";
    case "invalid_union": {
      // A discriminated union names its options (not in zod's issue type, but on the issue it reports).
      const options = (issue as { options?: unknown }).options;
      return Array.isArray(options) && options.length > 0 ? `must be one of ${alternatives(options.map(quote))}` : "does not match any of the allowed forms";
    }
    default:
      return issue.message;
  }
}

/** The problem as a sentence of its own ("Must have at least 1 entry."), for a message shown at its field. */
export function issueMessage(issue: TIssue): string {
  if (!hasZodWording(issue)) return issue.message;
  const predicate = issuePredicate(issue);
  if (predicate === "is required") return "Required.";
  if (predicate.startsWith("has unknown field")) return `Unknown ${predicate.slice("has unknown ".length)}.`;
  return `${predicate[0]!.toUpperCase()}${predicate.slice(1)}.`;
}

/** Every issue with its path ("hosts.0") and its message in English: what the API's 400s carry. */
export function zodIssues(error: { issues: readonly TIssue[] }): TIssueLine[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join("."), message: issueMessage(i) }));
}
