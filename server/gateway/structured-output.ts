import { z } from "zod";
import { extractJson } from "./extract-json";

export { extractJson, type TJsonExtraction } from "./extract-json";

// Structured output: the JSON Schema subset Baton checks itself (so every provider, even one that ignores
// response_format, is held to the same contract), the JSON extraction from a model's answer, and the validator.
// Subset: type, properties, required, enum, items, minimum/maximum, minLength/maxLength, additionalProperties
// (false or a schema), description. Unknown keywords are kept (so they reach the provider) but not checked.

export const JSON_TYPES = ["object", "array", "string", "number", "integer", "boolean", "null"] as const;
type TJsonType = (typeof JSON_TYPES)[number];

export type TJsonSchema = {
  type?: TJsonType | TJsonType[];
  description?: string;
  properties?: Record<string, TJsonSchema>;
  required?: string[];
  enum?: unknown[];
  items?: TJsonSchema;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  additionalProperties?: boolean | TJsonSchema;
  [keyword: string]: unknown;
};

export const ZJsonSchema: z.ZodType<TJsonSchema> = z.lazy(() =>
  z
    .object({
      type: z.union([z.enum(JSON_TYPES), z.array(z.enum(JSON_TYPES)).min(1)]).optional(),
      description: z.string().optional(),
      properties: z.record(z.string(), ZJsonSchema).optional(),
      required: z.array(z.string()).optional(),
      enum: z.array(z.unknown()).min(1).optional(),
      items: ZJsonSchema.optional(),
      minimum: z.number().optional(),
      maximum: z.number().optional(),
      minLength: z.number().int().min(0).optional(),
      maxLength: z.number().int().min(0).optional(),
      additionalProperties: z.union([z.boolean(), ZJsonSchema]).optional(),
    })
    .catchall(z.unknown()),
);

function typeOf(value: unknown): TJsonType {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value as TJsonType;
}

function matchesType(value: unknown, expected: TJsonType): boolean {
  const actual = typeOf(value);
  return actual === expected || (expected === "number" && actual === "integer");
}

const show = (value: unknown) => JSON.stringify(value) ?? String(value);
const childPath = (path: string, key: string) =>
  /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${show(key)}]`;

/** Every violation of `schema` by `value`, each as "<path>: <problem>" with `$` as the root. Empty when valid. */
export function validateJson(value: unknown, schema: TJsonSchema, path = "$"): string[] {
  const errors: string[] = [];
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    if (!types.some((t) => matchesType(value, t)))
      return [`${path}: expected ${types.join(" or ")}, got ${typeOf(value)}`];
  }
  if (schema.enum && !schema.enum.some((option) => show(option) === show(value))) {
    errors.push(`${path}: must be one of ${schema.enum.map(show).join(", ")}, got ${show(value)}`);
  }
  if (typeof value === "number") {
    if (schema.minimum !== undefined && value < schema.minimum)
      errors.push(`${path}: must be ≥ ${schema.minimum}, got ${value}`);
    if (schema.maximum !== undefined && value > schema.maximum)
      errors.push(`${path}: must be ≤ ${schema.maximum}, got ${value}`);
  }
  if (typeof value === "string") {
    const length = [...value].length;
    if (schema.minLength !== undefined && length < schema.minLength)
      errors.push(`${path}: must be at least ${schema.minLength} characters, got ${length}`);
    if (schema.maxLength !== undefined && length > schema.maxLength)
      errors.push(`${path}: must be at most ${schema.maxLength} characters, got ${length}`);
  }
  if (Array.isArray(value) && schema.items) {
    const items = schema.items;
    value.forEach((item, i) => errors.push(...validateJson(item, items, `${path}[${i}]`)));
  }
  if (typeOf(value) === "object") errors.push(...validateObject(value as Record<string, unknown>, schema, path));
  return errors;
}

function validateObject(value: Record<string, unknown>, schema: TJsonSchema, path: string): string[] {
  const errors: string[] = [];
  const properties = schema.properties ?? {};
  for (const key of schema.required ?? []) {
    if (!Object.hasOwn(value, key)) errors.push(`${childPath(path, key)}: is required`);
  }
  for (const [key, child] of Object.entries(value)) {
    const propertySchema = Object.hasOwn(properties, key) ? properties[key] : undefined;
    if (propertySchema) errors.push(...validateJson(child, propertySchema, childPath(path, key)));
    else if (schema.additionalProperties === false)
      errors.push(`${childPath(path, key)}: is not allowed (no additional properties)`);
    else if (typeof schema.additionalProperties === "object")
      errors.push(...validateJson(child, schema.additionalProperties, childPath(path, key)));
  }
  return errors;
}

export type TStructuredAnswer = { isOk: true; value: unknown } | { isOk: false; errors: string[] };

/** Extracts the JSON from an answer and checks it against the schema. */
export function parseStructuredAnswer(text: string, schema: TJsonSchema): TStructuredAnswer {
  const extracted = extractJson(text);
  if (!extracted.isOk) return { isOk: false, errors: [extracted.error] };
  const errors = validateJson(extracted.value, schema);
  return errors.length === 0 ? { isOk: true, value: extracted.value } : { isOk: false, errors };
}

/**
 * Whether OpenAI's strict mode accepts the schema: every object lists all its properties as required and forbids
 * additional ones. Sending `strict: true` with any other schema makes OpenAI refuse the request with a 400.
 */
export function isStrictCompatible(schema: TJsonSchema): boolean {
  if (schema.properties || schema.type === "object") {
    const keys = Object.keys(schema.properties ?? {});
    const required = new Set(schema.required ?? []);
    if (schema.additionalProperties !== false || keys.some((k) => !required.has(k))) return false;
  }
  const children = [...Object.values(schema.properties ?? {}), ...(schema.items ? [schema.items] : [])];
  return children.every(isStrictCompatible);
}

/** The OpenAI `response_format` asking for JSON that follows `schema`. */
export function jsonSchemaResponseFormat(schema: TJsonSchema, name = "output") {
  return {
    type: "json_schema" as const,
    json_schema: {
      name: name.replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 64) || "output",
      schema,
      strict: isStrictCompatible(schema),
    },
  };
}
