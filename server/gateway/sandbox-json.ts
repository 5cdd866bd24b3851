// The Sandbox's structured output: a deterministic value that conforms to a JSON Schema (the subset used for
// LLM structured outputs: type, properties, required, items, enum, const, min/max, lengths, formats, anyOf/oneOf,
// allOf, $ref to $defs). `pattern` cannot be satisfied in general and is not attempted.

import { sampleString } from "./sandbox-strings";

export type TRng = () => number;

/** mulberry32 seeded from a hex digest: small, fast, and the same sequence for the same seed everywhere. */
export function rngFromHex(hex: string): TRng {
  let state = Number.parseInt(hex.slice(0, 8), 16) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Words from the conversation that make strings look relevant; supplied by sandbox-content. */
export type TSampleHints = {
  label(): string | null;
  sentiment(): "positive" | "neutral" | "negative";
  sentence(): string;
  phrase(): string;
};

type TSchema = { [key: string]: unknown };
type TCtx = { rng: TRng; hints: TSampleHints; root: TSchema; depth: number };

const MAX_DEPTH = 12;
const isObject = (v: unknown): v is TSchema => typeof v === "object" && v !== null && !Array.isArray(v);
const num = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);
const pick = <T>(rng: TRng, items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;

export function sampleFromSchema(schema: unknown, rng: TRng, hints: TSampleHints): unknown {
  const root = isObject(schema) ? schema : {};
  return sample(root, "", { rng, hints, root, depth: 0 });
}

function resolveRef(ref: string, root: TSchema): TSchema {
  const path = ref.replace(/^#\/?/, "").split("/").filter(Boolean);
  let node: unknown = root;
  for (const key of path) node = isObject(node) ? node[key.replace(/~1/g, "/").replace(/~0/g, "~")] : undefined;
  return isObject(node) ? node : {};
}

function typeOf(schema: TSchema): string {
  const t = schema.type;
  if (typeof t === "string") return t;
  if (Array.isArray(t)) return (t.find((x) => x !== "null") as string | undefined) ?? "null";
  if (isObject(schema.properties)) return "object";
  if (isObject(schema.items)) return "array";
  if (Array.isArray(schema.enum)) return "enum";
  return "string";
}

function sample(schema: TSchema, name: string, ctx: TCtx): unknown {
  if (ctx.depth > MAX_DEPTH) return null;
  const next = { ...ctx, depth: ctx.depth + 1 };
  if (typeof schema.$ref === "string") return sample(resolveRef(schema.$ref, ctx.root), name, next);
  if ("const" in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return pickEnum(schema.enum, name, ctx);
  const variants = (
    Array.isArray(schema.anyOf) ? schema.anyOf : Array.isArray(schema.oneOf) ? schema.oneOf : []
  ).filter(isObject);
  // The first non-null variant: a value for exactly one branch keeps oneOf satisfied in practice.
  if (variants.length > 0) return sample(variants.find((v) => v.type !== "null") ?? variants[0] ?? {}, name, next);
  if (Array.isArray(schema.allOf)) return sample(mergeAll(schema), name, next);
  switch (typeOf(schema)) {
    case "object":
      return sampleObject(schema, next);
    case "array":
      return sampleArray(schema, name, next);
    case "integer":
    case "number":
      return sampleNumber(schema, name, ctx.rng);
    case "boolean":
      return ctx.rng() < 0.5;
    case "null":
      return null;
    default:
      return sampleString(schema, name, ctx.rng, ctx.hints);
  }
}

function mergeAll(schema: TSchema): TSchema {
  const parts = (schema.allOf as unknown[]).filter(isObject);
  const { allOf: _allOf, ...rest } = schema;
  const merged: TSchema = { ...rest, properties: {}, required: [] };
  for (const part of [rest, ...parts]) {
    Object.assign(merged, { ...part, properties: merged.properties, required: merged.required });
    if (isObject(part.properties)) Object.assign(merged.properties as TSchema, part.properties);
    if (Array.isArray(part.required)) (merged.required as unknown[]).push(...part.required);
  }
  return merged;
}

function sampleObject(schema: TSchema, ctx: TCtx): Record<string, unknown> {
  const properties = isObject(schema.properties) ? schema.properties : {};
  const result: Record<string, unknown> = {};
  // Every declared property is produced (strict structured outputs require them all); required ones always exist.
  for (const [key, sub] of Object.entries(properties)) result[key] = sample(isObject(sub) ? sub : {}, key, ctx);
  for (const key of Array.isArray(schema.required) ? schema.required : []) {
    if (typeof key === "string" && !(key in result)) result[key] = ctx.hints.phrase();
  }
  return result;
}

function sampleArray(schema: TSchema, name: string, ctx: TCtx): unknown[] {
  const min = Math.max(0, num(schema.minItems) ?? 1);
  const max = Math.max(min, num(schema.maxItems) ?? min + 2);
  const count = min + Math.floor(ctx.rng() * (Math.min(max, min + 2) - min + 1));
  const items = isObject(schema.items) ? schema.items : {};
  const singular = name.replace(/ies$/, "y").replace(/s$/, "");
  if (schema.uniqueItems === true && Array.isArray(items.enum))
    return shuffle([...items.enum], ctx.rng).slice(0, count);
  const values: unknown[] = [];
  for (let i = 0; i < count; i++) values.push(sample(items, singular, ctx));
  return values;
}

function shuffle<T>(items: T[], rng: TRng): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

function pickEnum(options: unknown[], name: string, ctx: TCtx): unknown {
  const label = /label|category|class|intent|topic|sentiment|type|queue|level|action/i.test(name)
    ? ctx.hints.label()
    : null;
  const sentiment = /sentiment|tone|mood/i.test(name) ? ctx.hints.sentiment() : null;
  for (const wanted of [label, sentiment]) {
    const match = wanted && options.find((o) => typeof o === "string" && o.toLowerCase() === wanted.toLowerCase());
    if (match !== undefined && match !== null && match !== "") return match;
  }
  return pick(ctx.rng, options);
}

const UNIT_INTERVAL = /score|confidence|probability|likelihood|risk|ratio|share|rate|weight/i;

function sampleNumber(schema: TSchema, name: string, rng: TRng): number {
  const isInteger = schema.type === "integer" || (Array.isArray(schema.type) && schema.type.includes("integer"));
  const gap = isInteger ? 1 : 0.01;
  const exclusiveLo = num(schema.exclusiveMinimum);
  const exclusiveHi = num(schema.exclusiveMaximum);
  let lo = num(schema.minimum) ?? (exclusiveLo !== undefined ? exclusiveLo + gap : 0);
  const defaultHi = !isInteger && UNIT_INTERVAL.test(name) ? 1 : 100;
  let hi = num(schema.maximum) ?? (exclusiveHi !== undefined ? exclusiveHi - gap : Math.max(lo, 0) + defaultHi);
  if (hi < lo) hi = lo;
  if (isInteger) {
    lo = Math.ceil(lo);
    hi = Math.floor(hi);
    const step = num(schema.multipleOf) ?? 1;
    const first = Math.ceil(lo / step) * step;
    const steps = Math.max(0, Math.floor((hi - first) / step));
    return first + Math.floor(rng() * (steps + 1)) * step;
  }
  // Models state their confidence high; elsewhere uniform. Two decimals read naturally; clamping keeps the
  // rounding inside the bounds.
  const share = /confidence|certainty/i.test(name) ? 0.6 + 0.39 * rng() : rng();
  return Math.min(hi, Math.max(lo, Math.round((lo + share * (hi - lo)) * 100) / 100));
}
