import { describe, expect, it } from "vitest";
import { lineColumnAt, parseJsonText } from "./parse-json-text";

describe("lineColumnAt", () => {
  it("counts lines and columns from 1", () => {
    expect(lineColumnAt("ab\ncd", 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumnAt("ab\ncd", 4)).toEqual({ line: 2, column: 2 });
    expect(lineColumnAt("ab", 99)).toEqual({ line: 1, column: 3 });
  });
});

describe("parseJsonText", () => {
  it("parses JSON, and says where and why text is not JSON", () => {
    expect(parseJsonText('{"a": [1, 2]}')).toEqual({ isValid: true, value: { a: [1, 2] } });
    expect(parseJsonText('{ "a": 1,\n  b: 2 }')).toEqual({
      isValid: false,
      message: "Not valid JSON at line 2, column 3: expected a property name in double quotes.",
    });
  });
});
