// Zod issues rewritten for people: "field "prompt" is required" instead of "Invalid input: expected string, received
// undefined". Messages a schema author wrote on purpose ("Enter the prompt") are kept as they are. Also reads ids
// out of raw values that failed to parse, so their problems can still name them.
import type { z } from "zod";

type TIssue = z.core.$ZodIssue;

const TYPE_NAMES: Record<string, string> = {
  string: "text",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  array: "a list",
  object: "an object",
  record: "an object",
};

/** Zod's own wording starts like this; anything else was written by the schema's author. */
const DEFAULT_MESSAGE = /^(Invalid input|Invalid option|Invalid discriminator|Too small:|Too big:|Invalid string)/;

export function issuePath(issue: TIssue): string {
  return issue.path.map(String).join(".");
}

/** "Node "x", field "a": Enter a value" or "Node "x": field "a" is required". */
export function describeIssue(subject: string, issue: TIssue, pathPrefix = ""): string {
  const path = [pathPrefix, issuePath(issue)].filter(Boolean).join(".");
  const predicate = DEFAULT_MESSAGE.test(issue.message) ? predicateOf(issue) : null;
  if (predicate) return `${subject}: ${path ? `field "${path}"` : "the configuration"} ${predicate}`;
  return `${subject}${path ? `, field "${path}"` : ""}: ${issue.message}`;
}

function predicateOf(issue: TIssue): string | null {
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined) return "is required";
      return `should be ${TYPE_NAMES[issue.expected] ?? issue.expected}`;
    case "invalid_value":
      return `should be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    case "invalid_union": {
      // A discriminated union names its options (not in zod's issue type, but on the issue it reports).
      const options = (issue as { options?: unknown }).options;
      return Array.isArray(options) ? `should be one of ${options.map((v) => JSON.stringify(v)).join(", ")}` : null;
    }
    case "too_small":
      return bound(issue.origin, issue.inclusive === false ? "more than" : "at least", issue.minimum);
    case "too_big":
      return bound(issue.origin, issue.inclusive === false ? "less than" : "at most", issue.maximum);
    default:
      return null;
  }
}

function bound(origin: string, relation: string, limit: number | bigint): string {
  const n = String(limit);
  if (origin === "string") return `should have ${relation} ${n} character${n === "1" ? "" : "s"}`;
  if (origin === "array" || origin === "set") return `should have ${relation} ${n} item${n === "1" ? "" : "s"}`;
  return `should be ${relation} ${n}`;
}

/** A non-empty string property of a raw value, or null. */
export function readString(raw: unknown, key: string): string | null {
  const value = raw !== null && typeof raw === "object" ? (raw as Record<string, unknown>)[key] : undefined;
  return typeof value === "string" && value !== "" ? value : null;
}
