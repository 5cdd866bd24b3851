// Reading the JSON Schema that zod 4 produces (`z.toJSONSchema`), for describing configuration forms. Only the
// keywords the form needs; anything else is ignored. Isomorphic.

/** The subset of JSON Schema (draft 2020-12) the form reads. */
export type TJs = {
  type?: string;
  properties?: Record<string, TJs>;
  required?: string[];
  items?: TJs;
  enum?: unknown[];
  const?: unknown;
  oneOf?: TJs[];
  anyOf?: TJs[];
  default?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  additionalProperties?: boolean | TJs;
  description?: string;
  $ref?: string;
};

/** zod's output is a JSON Schema object; a `type` list (["string", "null"]) is read as nullable in unwrapNullable. */
export function asJsonSchema(value: unknown): TJs {
  return value !== null && typeof value === "object" ? (value as TJs) : {};
}

/** `anyOf: [X, {type: "null"}]` (zod's `.nullable()` / `.nullish()`) → X, nullable. */
export function unwrapNullable(schema: TJs): { schema: TJs; isNullable: boolean } {
  const union = schema.anyOf;
  if (union && union.some(isNull)) {
    const rest = union.filter((option) => !isNull(option));
    const [only] = rest;
    if (only && rest.length === 1)
      return { schema: { ...only, default: schema.default ?? only.default }, isNullable: true };
    return { schema: { anyOf: rest, default: schema.default }, isNullable: true };
  }
  const types = (schema as { type?: unknown }).type;
  if (Array.isArray(types) && types.includes("null")) {
    const others = types.filter((t) => t !== "null");
    return { schema: { ...schema, type: others.length === 1 ? String(others[0]) : undefined }, isNullable: true };
  }
  return { schema, isNullable: false };
}

function isNull(schema: TJs): boolean {
  return schema.type === "null";
}

/** The property every option of a union of objects pins to a distinct constant (zod's discriminated unions). */
export function discriminatorOf(options: TJs[]): string | null {
  if (options.length < 2 || !options.every((o) => o.type === "object" && o.properties)) return null;
  for (const key of Object.keys(options[0]?.properties ?? {})) {
    const values = options.map((o) => o.properties?.[key]?.const);
    if (values.every((v) => typeof v === "string") && new Set(values).size === values.length) return key;
  }
  return null;
}
