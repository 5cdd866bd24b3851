import { describe, expect, it } from "vitest";
import { diffDocuments, jsonEqual } from "./diff-documents.shared";

describe("diffDocuments", () => {
  it("finds nothing between equal documents, whatever the key order", () => {
    const a = { models: { allow: { models: ["a", "b"] } }, recordPrompts: "hash" };
    const b = { recordPrompts: "hash", models: { allow: { models: ["a", "b"] } } };
    expect(diffDocuments(a, b)).toEqual([]);
    expect(diffDocuments(undefined, {})).toEqual([]);
  });

  it("reports added, removed and changed rules and fields with their values", () => {
    const before = { models: { allow: { providers: ["openai"] } }, recordPrompts: "full", content: { maxPromptTokens: 100 } };
    const after = { models: { allow: { providers: ["openai"], regions: ["eu"] } }, recordPrompts: "hash", pii: { actions: { email: "redact" } } };
    expect(diffDocuments(before, after)).toEqual([
      { kind: "added", path: "models.allow.regions", after: ["eu"] },
      { kind: "changed", path: "recordPrompts", before: "full", after: "hash" },
      { kind: "removed", path: "content", before: { maxPromptTokens: 100 } },
      { kind: "added", path: "pii", after: { actions: { email: "redact" } } },
    ]);
  });

  it("treats a changed list of plain values as one change, and compares lists of objects entry by entry", () => {
    const before = { content: { blockedTerms: ["x", "y"], patterns: [{ pattern: "a", flags: "" }, { pattern: "b", flags: "" }] } };
    const after = { content: { blockedTerms: ["w", "x", "y"], patterns: [{ pattern: "a", flags: "i" }] } };
    expect(diffDocuments(before, after)).toEqual([
      { kind: "changed", path: "content.blockedTerms", before: ["x", "y"], after: ["w", "x", "y"] },
      { kind: "changed", path: "content.patterns[0].flags", before: "", after: "i" },
      { kind: "removed", path: "content.patterns[1]", before: { pattern: "b", flags: "" } },
    ]);
  });

  it("writes keys that are not identifiers in brackets, and a whole-document replacement at (document)", () => {
    expect(diffDocuments({ pii: { actions: { "credit-card": "log" } } }, { pii: { actions: { "credit-card": "redact" } } })).toEqual([
      { kind: "changed", path: 'pii.actions["credit-card"]', before: "log", after: "redact" },
    ]);
    expect(diffDocuments({ a: 1 }, [1])).toEqual([{ kind: "changed", path: "(document)", before: { a: 1 }, after: [1] }]);
  });

  it("compares JSON values deeply, ignoring undefined fields", () => {
    expect(jsonEqual({ a: [1, { b: 2 }], c: undefined }, { a: [1, { b: 2 }] })).toBe(true);
    expect(jsonEqual({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
    expect(jsonEqual({ a: null }, { a: 0 })).toBe(false);
  });
});
