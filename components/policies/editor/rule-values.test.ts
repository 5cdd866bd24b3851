import { describe, expect, it } from "vitest";
import { asRecord, asStrings, parseList, parseUsdText, parseWholeNumber, problemAt, problemsUnder, withEntry, withKey } from "./rule-values";

describe("rule values", () => {
  it("reads what has the wrong shape as empty", () => {
    expect(asRecord(["x"])).toEqual({});
    expect(asRecord(null)).toEqual({});
    expect(asRecord({ a: 1 })).toEqual({ a: 1 });
    expect(asStrings(["a", 1, null, "b"])).toEqual(["a", "b"]);
    expect(asStrings("a")).toEqual([]);
  });

  it("writes a key or removes it, without changing the original", () => {
    const original = { a: 1, b: 2 };
    expect(withKey(original, "a", undefined)).toEqual({ b: 2 });
    expect(withKey(original, "c", 3)).toEqual({ a: 1, b: 2, c: 3 });
    expect(original).toEqual({ a: 1, b: 2 });
    expect(withEntry(["x", "y", "z"], 1, undefined)).toEqual(["x", "z"]);
    expect(withEntry(["x", "y"], 0, "w")).toEqual(["w", "y"]);
  });

  it("parses what people type into lists, numbers and amounts", () => {
    expect(parseList(" gpt-4o-mini, ,sandbox-fast ,")).toEqual(["gpt-4o-mini", "sandbox-fast"]);
    expect(parseList("   ")).toEqual([]);
    expect(parseWholeNumber("")).toBeUndefined();
    expect(parseWholeNumber(" 4000 ")).toBe(4000);
    // Kept as text, so validation says it must be a whole number.
    expect(parseWholeNumber("4k")).toBe("4k");
    expect(parseUsdText(" $12.50 ")).toBe("12.50");
    expect(parseUsdText("")).toBeUndefined();
  });

  it("finds the problems of a field and of a whole rule", () => {
    const problems = [
      { path: "content.patterns[0].pattern", message: "Pattern is empty" },
      { path: "content.maxPromptTokens", message: "must be more than 0" },
      { path: "contentX", message: "unrelated" },
    ];
    expect(problemAt(problems, "content.maxPromptTokens")).toBe("must be more than 0");
    expect(problemAt(problems, "content")).toBeUndefined();
    expect(problemsUnder(problems, "content").map((p) => p.path)).toEqual(["content.patterns[0].pattern", "content.maxPromptTokens"]);
    expect(problemsUnder(problems, "content.patterns[0]").map((p) => p.path)).toEqual(["content.patterns[0].pattern"]);
  });
});
