import { describe, expect, it } from "vitest";
import { formatJsonInput, parseJsonInput, readSavedInput, saveInput } from "./parse-json-input";

function memoryStorage() {
  const data = new Map<string, string>();
  return {
    getItem: (key: string) => data.get(key) ?? null,
    setItem: (key: string, value: string) => void data.set(key, value),
  };
}

describe("parseJsonInput", () => {
  it("accepts any JSON value", () => {
    expect(parseJsonInput('{ "amount": 12000, "country": "FR" }')).toEqual({
      isValid: true,
      value: { amount: 12000, country: "FR" },
    });
    expect(parseJsonInput("[1, 2]")).toEqual({ isValid: true, value: [1, 2] });
    expect(parseJsonInput('"text"')).toEqual({ isValid: true, value: "text" });
  });

  it("asks for a value when the editor is empty", () => {
    expect(parseJsonInput("  \n")).toEqual({ isValid: false, message: "Enter a JSON value, e.g. {} for an empty object." });
  });

  it("says on which line and column the JSON breaks", () => {
    const result = parseJsonInput('{\n  "amount": 12000,\n  "country": FR\n}');
    expect(result.isValid).toBe(false);
    if (result.isValid) return;
    expect(result.message).toMatch(/^Not valid JSON at line 3, column 14: /);
    expect(result.message).not.toMatch(/position/);
  });

  it("reports a trailing comma", () => {
    const result = parseJsonInput('{ "a": 1, }');
    expect(result.isValid).toBe(false);
    if (!result.isValid) expect(result.message).toMatch(/^Not valid JSON at line 1, column 11: /);
  });
});

describe("saved inputs", () => {
  it("remembers the last input per workflow", () => {
    const storage = memoryStorage();
    expect(readSavedInput(storage, "wf1")).toBeNull();
    saveInput(storage, "wf1", '{"a":1}');
    saveInput(storage, "wf2", '{"b":2}');
    expect(readSavedInput(storage, "wf1")).toBe('{"a":1}');
    expect(readSavedInput(storage, "wf2")).toBe('{"b":2}');
  });

  it("forgets quietly when storage is missing or refuses", () => {
    const refusing = {
      getItem: () => {
        throw new Error("SecurityError");
      },
      setItem: () => {
        throw new Error("QuotaExceededError");
      },
    };
    expect(() => saveInput(refusing, "wf1", "{}")).not.toThrow();
    expect(readSavedInput(refusing, "wf1")).toBeNull();
    expect(readSavedInput(null, "wf1")).toBeNull();
  });

  it("pretty-prints a default input, an absent one as an empty object", () => {
    expect(formatJsonInput({ a: 1 })).toBe('{\n  "a": 1\n}');
    expect(formatJsonInput(undefined)).toBe("{}");
  });
});

describe("JSON error spots", () => {
  const messageOf = (text: string) => {
    const result = parseJsonInput(text);
    return result.isValid ? null : result.message;
  };

  it("explains the common mistakes in plain words", () => {
    expect(messageOf("{ 'a': 1 }")).toBe("Not valid JSON at line 1, column 3: expected a property name in double quotes.");
    expect(messageOf('{ "a": \'x\' }')).toBe('Not valid JSON at line 1, column 8: use double quotes (") around text.');
    expect(messageOf('{ "a" 1 }')).toBe("Not valid JSON at line 1, column 7: expected a colon (:) after the property name.");
    expect(messageOf('{ "a": 1 "b": 2 }')).toBe("Not valid JSON at line 1, column 10: expected a comma (,) or a closing }.");
    expect(messageOf("[1, 2,]")).toBe("Not valid JSON at line 1, column 7: remove the comma before the closing ].");
    expect(messageOf('{ "a": [1, 2 }')).toBe("Not valid JSON at line 1, column 14: expected a comma (,) or a closing ].");
    expect(messageOf('{ "a": 1')).toBe("Not valid JSON at line 1, column 9: the object is not closed with }.");
    expect(messageOf('{ "a": "open }')).toBe('Not valid JSON at line 1, column 15: the text in quotes is not closed with ".');
    expect(messageOf("{} {}")).toBe("Not valid JSON at line 1, column 4: unexpected text after the end of the value.");
    expect(messageOf("01")).toBe("Not valid JSON at line 1, column 2: unexpected text after the end of the value.");
    expect(messageOf('{"a": "\\x"}')).toBe("Not valid JSON at line 1, column 8: invalid escape sequence.");
  });

  it("agrees with JSON.parse on valid text", () => {
    for (const text of ['{"a":[1,-2.5e3,true,false,null,"\\u00e9\\n"]}', "  42  ", '""', "[]", "{}"]) {
      expect(parseJsonInput(text)).toEqual({ isValid: true, value: JSON.parse(text) });
    }
  });
});
