import { describe, expect, it } from "vitest";
import { BACKREFERENCE_MESSAGE, checkPattern, MAX_PATTERN_LENGTH, NESTED_QUANTIFIER_MESSAGE } from "./regex-guard";

describe("checkPattern", () => {
  it.each(["(a+)+", "(a*)*", "(\\w*x)*", "(?:a{2,})+", "((ab)+c)*", "(a|b+){2,5}", "(x+?)+?"])(
    "refuses the nested repetition %s",
    (pattern) => expect(checkPattern(pattern)).toBe(NESTED_QUANTIFIER_MESSAGE),
  );

  it.each(["(a)\\1", "(?<q>')x\\k<q>"])("refuses the backreference %s", (pattern) =>
    expect(checkPattern(pattern)).toBe(BACKREFERENCE_MESSAGE),
  );

  it.each(["\\bpassword\\b", "(ab)+", "a+b*", "(a+)?", "(a{2})+", "[(+)]+", "\\(a+\\)+", "(?:confidential|secret)\\s+\\w+", "\\d{3}-\\d{2}"])(
    "accepts %s",
    (pattern) => expect(checkPattern(pattern)).toBeNull(),
  );

  it("refuses long, empty and invalid patterns and bad flags, with the exact problem", () => {
    expect(checkPattern("a".repeat(MAX_PATTERN_LENGTH + 1))).toBe(`is 201 characters long; a pattern may have at most 200`);
    expect(checkPattern("")).toBe("is empty");
    expect(checkPattern("(")).toBe("is not a valid regular expression (/(/: Unterminated group)");
    expect(checkPattern("a", "g")).toBe("cannot be checked until its flags are fixed");
  });
});
