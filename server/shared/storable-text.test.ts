import { describe, expect, it } from "vitest";
import { firstUnstorable, isStorableText, toStorableString, UNSTORABLE_PATTERN } from "./storable-text";
import { toStorableString as fromJsonModule } from "./storable-json";
import { optionalText } from "./query-params";

describe("one rule for text PostgreSQL cannot store", () => {
  const cases: [string, boolean][] = [
    ["plain", true],
    ["", true],
    ["ok 😀 Grüße", true],
    ["tab\tnewline\n", true],
    ["a\u0000b", false],
    ["x\ud800", false],
    ["\udc00x", false],
    ["\udc00\ud800", false],
    ["pair \ud83d\ude00", true],
  ];

  it("isStorableText agrees with the pattern on every case", () => {
    for (const [text, storable] of cases) {
      expect(isStorableText(text), JSON.stringify(text)).toBe(storable);
      expect([...text.matchAll(UNSTORABLE_PATTERN)].length === 0, JSON.stringify(text)).toBe(storable);
    }
  });

  it("firstUnstorable names the first culprit and where it is", () => {
    expect(firstUnstorable("fine")).toBeNull();
    expect(firstUnstorable("ab\u0000")).toMatchObject({ index: 2, codePoint: "U+0000", reason: expect.stringMatching(/NUL character/) });
    expect(firstUnstorable("a\udfffb\u0000")).toMatchObject({ index: 1, codePoint: "U+DFFF", reason: expect.stringMatching(/lone surrogate/) });
  });

  it("toStorableString replaces each culprit with U+FFFD, and is the one the engine uses", () => {
    expect(toStorableString("a\u0000b\ud800c\ud83d\ude00")).toBe("a\uFFFDb\uFFFDc\ud83d\ude00");
    expect(fromJsonModule).toBe(toStorableString);
  });

  it("a search box drops control characters and lone surrogates alike", () => {
    const schema = optionalText();
    expect(schema.parse(" a\u0000b\ud800c ")).toBe("abc");
    expect(schema.parse("\udc00")).toBeUndefined();
  });
});
