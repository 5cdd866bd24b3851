import { describe, expect, it } from "vitest";
import {
  ZJsonSchema,
  extractJson,
  isStrictCompatible,
  jsonSchemaResponseFormat,
  parseStructuredAnswer,
  validateJson,
  type TJsonSchema,
} from "./structured-output";

const TICKET: TJsonSchema = {
  type: "object",
  properties: {
    category: { type: "string", enum: ["billing", "technical"] },
    priority: { type: "integer", minimum: 1, maximum: 5 },
    summary: { type: "string", minLength: 3, maxLength: 20 },
    tags: { type: "array", items: { type: "string" } },
  },
  required: ["category", "priority"],
  additionalProperties: false,
};

describe("validateJson", () => {
  it("accepts a conforming value", () => {
    expect(validateJson({ category: "billing", priority: 2, summary: "Refund", tags: ["a"] }, TICKET)).toEqual([]);
  });

  it("reports every violation with its path", () => {
    const errors = validateJson(
      { category: "sales", priority: 9, summary: "no", tags: ["ok", 3], extra: true },
      TICKET,
    );
    expect(errors).toEqual([
      '$.category: must be one of "billing", "technical", got "sales"',
      "$.priority: must be ≤ 5, got 9",
      "$.summary: must be at least 3 characters, got 2",
      "$.tags[1]: expected string, got integer",
      "$.extra: is not allowed (no additional properties)",
    ]);
  });

  it("reports missing required properties and wrong root types", () => {
    expect(validateJson({ category: "billing" }, TICKET)).toEqual(["$.priority: is required"]);
    expect(validateJson([1], TICKET)).toEqual(["$: expected object, got array"]);
    expect(validateJson(1.5, { type: "integer" })).toEqual(["$: expected integer, got number"]);
    expect(validateJson(3, { type: "number", minimum: 4 })).toEqual(["$: must be ≥ 4, got 3"]);
    expect(validateJson({ "a b": 1 }, { type: "object", additionalProperties: { type: "string" } })).toEqual([
      '$["a b"]: expected string, got integer',
    ]);
    expect(validateJson(null, { type: ["string", "null"] })).toEqual([]);
  });
});

describe("extractJson", () => {
  it("parses a bare answer, a fenced block and an object inside prose", () => {
    expect(extractJson(' {"a":1} ')).toEqual({ isOk: true, value: { a: 1 } });
    expect(extractJson('Here you go:\n```json\n{"a": [1, 2]}\n```\nAnything else?')).toEqual({
      isOk: true,
      value: { a: [1, 2] },
    });
    expect(extractJson("```\n[true]\n```")).toEqual({ isOk: true, value: [true] });
    expect(extractJson('The result is {"label": "x"} as requested.')).toEqual({ isOk: true, value: { label: "x" } });
  });

  it("explains when there is no JSON", () => {
    const result = extractJson("I cannot help with that.");
    expect(result.isOk).toBe(false);
    expect(!result.isOk && result.error).toMatch(/not JSON/);
  });
});

describe("parseStructuredAnswer", () => {
  it("returns the value when valid and the errors when not", () => {
    expect(parseStructuredAnswer('{"category":"technical","priority":1}', TICKET)).toEqual({
      isOk: true,
      value: { category: "technical", priority: 1 },
    });
    expect(parseStructuredAnswer('{"category":"technical"}', TICKET)).toEqual({
      isOk: false,
      errors: ["$.priority: is required"],
    });
  });
});

describe("strict mode", () => {
  it("is used only for schemas OpenAI's strict mode accepts", () => {
    expect(isStrictCompatible(TICKET)).toBe(false);
    const strict: TJsonSchema = {
      type: "object",
      properties: {
        a: { type: "array", items: { type: "object", properties: {}, required: [], additionalProperties: false } },
      },
      required: ["a"],
      additionalProperties: false,
    };
    expect(isStrictCompatible(strict)).toBe(true);
    expect(jsonSchemaResponseFormat(strict, "my schema!")).toEqual({
      type: "json_schema",
      json_schema: { name: "my_schema_", schema: strict, strict: true },
    });
    expect(jsonSchemaResponseFormat(TICKET).json_schema.strict).toBe(false);
  });
});

describe("ZJsonSchema", () => {
  it("accepts nested schemas and refuses bad keywords", () => {
    expect(ZJsonSchema.safeParse(TICKET).success).toBe(true);
    expect(ZJsonSchema.safeParse({ type: "decimal" }).success).toBe(false);
    expect(ZJsonSchema.safeParse({ properties: { a: { minLength: -1 } } }).success).toBe(false);
  });
});
