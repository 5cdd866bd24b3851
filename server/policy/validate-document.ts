// Turns a candidate policy document into either the typed document or a list of problems, each naming the path
// (`content.patterns[0].pattern`) and the problem in words a person understands.
import type { z } from "zod";
import { formatPath } from "../shared/storable-json";
import { issuePredicate } from "../shared/zod-issue-message.shared";
import { ZPolicyDocument, type TPolicyDocument } from "./document";

export type TDocumentProblem = { path: string; message: string };
export type TDocumentValidation = { isValid: true; document: TPolicyDocument } | { isValid: false; problems: TDocumentProblem[] };

export function validatePolicyDocument(candidate: unknown): TDocumentValidation {
  const parsed = ZPolicyDocument.safeParse(candidate, { reportInput: true });
  if (parsed.success) return { isValid: true, document: parsed.data };
  return { isValid: false, problems: parsed.error.issues.map(describeIssue) };
}

/** "content.patterns[0].pattern: Pattern repeats a group …" — one line per problem, for an error response. */
export function formatProblems(problems: readonly TDocumentProblem[]): string {
  return problems.map((p) => `${p.path}: ${p.message}`).join("\n");
}

function describeIssue(issue: z.core.$ZodIssue): TDocumentProblem {
  const keys = issue.path.map((k) => (typeof k === "number" ? k : String(k)));
  const path = formatPath("", keys).replace(/^\./, "") || "(document)";
  return { path, message: describeProblem(issue) };
}

function describeProblem(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "invalid_type":
      return issue.input === undefined ? "is required" : `must be ${article(issue.expected)}, not ${kindOf(issue.input)}`;
    case "unrecognized_keys":
      return `has unknown ${issue.keys.length === 1 ? "field" : "fields"} ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
    case "invalid_value":
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}, not ${JSON.stringify(issue.input)}`;
    case "invalid_key":
      return `has a key that is not allowed: ${issue.issues.map((i) => i.message).join("; ")}`;
    default:
      return issuePredicate(issue);
  }
}

function article(expected: string): string {
  const words: Record<string, string> = { object: "an object", array: "a list", string: "text", number: "a number", int: "a whole number", boolean: "true or false" };
  return words[expected] ?? expected;
}

function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "an object";
  if (typeof value === "string") return "text";
  return JSON.stringify(value) ?? typeof value;
}
