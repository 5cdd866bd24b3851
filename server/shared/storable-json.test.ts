import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { describeReplacements, toStorableJson, toStorableString } from "./storable-json";

/** What PostgreSQL refuses in text and jsonb. */
function isStorable(s: string): boolean {
  try {
    encodeURIComponent(s); // throws on a lone surrogate
    return !s.includes("\u0000");
  } catch {
    return false;
  }
}
/** An independent oracle: UTF-8 encoding writes U+FFFD for each lone surrogate. */
const viaUtf8 = (s: string) => new TextDecoder().decode(new TextEncoder().encode(s));

function everyString(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) for (const v of value) everyString(v, out);
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      out.push(k);
      everyString(v, out);
    }
  }
  return out;
}

// Strings built from UTF-16 code units, so NUL, lone high and low surrogates and valid pairs all occur often.
const unit = fc.oneof(
  fc.constantFrom("\u0000", "\ud800", "\udbff", "\udc00", "\udfff", "😀", "a", "é", "\uFFFD"),
  fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
);
const nasty = fc.array(unit, { maxLength: 12 }).map((parts) => parts.join(""));
const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    nasty,
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 5 }),
    fc.dictionary(nasty, tie("value"), { maxKeys: 5 }),
  ),
})).value;

describe("toStorableString", () => {
  it("replaces NUL and lone surrogates with U+FFFD and keeps valid pairs", () => {
    expect(toStorableString("a\u0000b")).toBe("a\uFFFDb");
    expect(toStorableString("x\ud800y\udc00z")).toBe("x\uFFFDy\uFFFDz");
    expect(toStorableString("\udc00\ud800")).toBe("\uFFFD\uFFFD");
    expect(toStorableString("ok 😀")).toBe("ok 😀");
  });

  it("always gives storable text, of the same length, unchanged when it already was storable", () => {
    fc.assert(
      fc.property(nasty, (s) => {
        const safe = toStorableString(s);
        expect(isStorable(safe)).toBe(true);
        expect(safe.length).toBe(s.length);
        if (isStorable(s)) expect(safe).toBe(s);
        else expect(safe).toBe(viaUtf8(s).replaceAll("\u0000", "\uFFFD"));
      }),
    );
  });
});

describe("toStorableJson", () => {
  it("makes every string and key storable, keeps every entry, and reports each replacement", () => {
    fc.assert(
      fc.property(json, (value) => {
        const r = toStorableJson(value);
        expect(everyString(r.value).every(isStorable)).toBe(true);
        const bad = everyString(value).filter((s) => !isStorable(s)).length;
        expect(r.replacedCount).toBe(bad);
        expect(r.replacedPaths.length).toBe(Math.min(bad, 5));
        // Same shape: as many entries at every level (colliding keys get a suffix, nothing is dropped).
        expect(everyString(r.value).length).toBe(everyString(value).length);
        // JSON round trip, as PostgreSQL's jsonb would read it.
        expect(JSON.parse(JSON.stringify(r.value))).toEqual(r.value);
      }),
    );
  });

  it("returns the very same value when nothing must change (no copy)", () => {
    fc.assert(
      fc.property(json, (value) => {
        const storable = toStorableJson(value).value;
        expect(toStorableJson(storable).value).toBe(storable);
      }),
    );
    const clean = { a: [1, "b", { c: "d" }], e: null };
    expect(toStorableJson(clean).value).toBe(clean);
  });

  it("copies only the branch that changed", () => {
    const untouched = { deep: ["x"] };
    const input = { keep: untouched, fix: { s: "a\u0000b" } };
    const { value, replacedPaths } = toStorableJson(input, "output");
    expect(value).toEqual({ keep: { deep: ["x"] }, fix: { s: "a\uFFFDb" } });
    expect(value).not.toBe(input);
    expect(value.keep).toBe(untouched);
    expect(input.fix.s).toBe("a\u0000b");
    expect(replacedPaths).toEqual(["output.fix.s"]);
  });

  it("replaces keys, keeping both when they collide, and names where", () => {
    const r = toStorableJson({ "\ud800": 1, "\ud801": 2, list: [{ "k\u0000": "v\u0000" }] }, "output");
    expect(r.value).toEqual({ "\uFFFD": 1, "\uFFFD (2)": 2, list: [{ "k\uFFFD": "v\uFFFD" }] });
    expect(r.replacedCount).toBe(4);
    expect(r.replacedPaths).toEqual(['output["\uFFFD"]', 'output["\uFFFD (2)"]', 'output.list[0]["k\uFFFD"]', 'output.list[0]["k\uFFFD"]']);
    expect(describeReplacements(r)).toBe(`${r.replacedPaths.slice(0, 3).join(", ")} and ${r.replacedPaths[3]}`);
  });

  it("writes Dates and undefined as JSON does, and keeps a __proto__ key as data", () => {
    const parsed = JSON.parse('{"__proto__": {"x": "\\u0000"}}') as Record<string, unknown>;
    const r = toStorableJson({ at: new Date(0), bad: new Date(Number.NaN), gone: undefined, list: [undefined, 1], p: parsed });
    expect(JSON.stringify(r.value)).toBe('{"at":"1970-01-01T00:00:00.000Z","bad":null,"list":[null,1],"p":{"__proto__":{"x":"\uFFFD"}}}');
    expect(Object.getPrototypeOf((r.value as { p: object }).p)).toBe(Object.prototype);
  });

  it("lists at most five paths and counts the rest", () => {
    const r = toStorableJson(Array.from({ length: 8 }, () => "\u0000"), "output");
    expect(r.replacedCount).toBe(8);
    expect(describeReplacements(r)).toBe("output[0], output[1], output[2], output[3], output[4] and 3 more");
  });
});
