import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseOrThrow } from "../errors";
import { countOf, issueMessage, zodIssues } from "./zod-issue-message.shared";

const messages = (schema: z.ZodType, value: unknown) => {
  const parsed = schema.safeParse(value);
  if (parsed.success) throw new Error("expected a failure");
  return parsed.error.issues.map(issueMessage);
};

describe("zod issues in English", () => {
  it("counts in the singular and the plural", () => {
    expect(countOf(1, "entry", "entries")).toBe("1 entry");
    expect(countOf(0, "entry", "entries")).toBe("0 entries");
    expect(countOf(2, "character")).toBe("2 characters");
    expect(countOf(1, "finished run")).toBe("1 finished run");
  });

  it("rewrites zod's own wording for lists, text and numbers", () => {
    expect(messages(z.array(z.string()).min(1), [])).toEqual(["Must have at least 1 entry."]);
    expect(messages(z.array(z.string()).min(3), ["a"])).toEqual(["Must have at least 3 entries."]);
    expect(messages(z.array(z.string()).max(1), ["a", "b"])).toEqual(["Must have at most 1 entry."]);
    expect(messages(z.array(z.string()).length(2), ["a"])).toEqual(["Must have exactly 2 entries."]);
    expect(messages(z.string().min(1), "")).toEqual(["Must not be empty."]);
    expect(messages(z.string().min(2), "a")).toEqual(["Must have at least 2 characters."]);
    expect(messages(z.string().max(1), "ab")).toEqual(["Must have at most 1 character."]);
    expect(messages(z.number().min(1), 0)).toEqual(["Must be at least 1."]);
    expect(messages(z.number().positive(), 0)).toEqual(["Must be more than 0."]);
    expect(messages(z.number().lt(5), 5)).toEqual(["Must be less than 5."]);
    expect(messages(z.number().int(), 1.5)).toEqual(["Must be a whole number."]);
    expect(messages(z.number().multipleOf(5), 7)).toEqual(["Must be a multiple of 5."]);
  });

  it("names what was expected, what was missing and which fields are unknown", () => {
    expect(messages(z.object({ a: z.string() }), {})).toEqual(["Required."]);
    expect(messages(z.object({ a: z.string() }), { a: 1 })).toEqual(["Must be text, not a number."]);
    expect(messages(z.object({ a: z.array(z.string()) }), { a: "x" })).toEqual(["Must be a list, not text."]);
    expect(messages(z.enum(["day", "week"]), "year")).toEqual(['Must be one of "day" or "week".']);
    expect(messages(z.enum(["a", "b", "c"]), "d")).toEqual(['Must be one of "a", "b" or "c".']);
    expect(messages(z.literal("x"), "y")).toEqual(['Must be "x".']);
    expect(messages(z.strictObject({}), { extra: 1 })).toEqual(['Unknown field "extra".']);
    expect(messages(z.strictObject({}), { x: 1, y: 2 })).toEqual(['Unknown fields "x" and "y".']);
    expect(messages(z.email(), "nope")).toEqual(["Must be an email address."]);
    expect(messages(z.url(), "nope")).toEqual(["Must be a URL."]);
    expect(messages(z.string().regex(/^a/), "b")).toEqual(["Is not in the expected format."]);
  });

  it("keeps a message a schema's author wrote", () => {
    expect(messages(z.array(z.string()).min(1, "Add at least one host."), [])).toEqual(["Add at least one host."]);
    expect(messages(z.string().refine(() => false, "Enter a valid time zone."), "x")).toEqual(["Enter a valid time zone."]);
  });

  it("is what the API's 400s say (parseOrThrow), with each path", () => {
    const schema = z.strictObject({ hosts: z.array(z.string()).min(1), name: z.string().min(1) });
    expect(() => parseOrThrow(schema, { hosts: [], name: "" })).toThrow(
      expect.objectContaining({
        status: 400,
        issues: [
          { path: "hosts", message: "Must have at least 1 entry." },
          { path: "name", message: "Must not be empty." },
        ],
      }),
    );
    const parsed = schema.safeParse({ hosts: [] });
    expect(parsed.success ? [] : zodIssues(parsed.error)).toEqual([
      { path: "hosts", message: "Must have at least 1 entry." },
      { path: "name", message: "Required." },
    ]);
  });
});
