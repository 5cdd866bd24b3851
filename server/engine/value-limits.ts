// Step inputs and outputs are stored per step as JSON (Postgres jsonb). A value that is not JSON would be silently
// changed by JSON.stringify (functions dropped, Maps turned into {}, NaN into null), and a huge one would bloat every
// later read of the run, so both fail the step with a message that names the node and the limit. Text PostgreSQL
// cannot store (NUL, lone surrogates) is replaced instead, and reported on the step (server/shared/storable-json.ts).
import { NodeError } from "../nodes/node-error";
import { toStorableJson, type TStorableJson } from "../shared/storable-json";

export const DEFAULT_MAX_STEP_VALUE_BYTES = 256 * 1024;
/** Postgres and JSON.stringify both recurse; far below where either would fail. */
const MAX_NESTING = 200;

export type TValueLimitOptions = {
  maxBytes?: number;
  what: "output" | "input";
  nodeId: string;
};

/** "812 bytes", "256 KB", "1.3 MB" (binary units, written the way people read them). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${trimNumber(bytes / 1024)} KB`;
  return `${trimNumber(bytes / (1024 * 1024))} MB`;
}

function trimNumber(value: number): string {
  return value >= 100 ? String(Math.round(value)) : String(Math.round(value * 10) / 10);
}

/** Dates become ISO strings, undefined properties disappear (undefined array entries become null, as in JSON). */
export function toJsonSafe(value: unknown): unknown {
  return toStorableJson(value).value;
}

/**
 * Throws a non-retryable NodeError unless `value` is plain JSON within `maxBytes` (UTF-8 of its JSON text).
 * Returns that size so callers can record it. `undefined` counts as "no value" (stored as null).
 */
export function assertStorableValue(value: unknown, options: TValueLimitOptions): number {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_STEP_VALUE_BYTES;
  const subject = `${options.what === "output" ? "Output" : "Input"} of node "${options.nodeId}"`;
  const code = options.what === "output" ? "INVALID_OUTPUT" : "INVALID_INPUT";
  const problem = findNonJson(value, options.what, new Set(), 0);
  if (problem) {
    throw new NodeError(code, `${subject} is not JSON: ${problem.message} at ${problem.path}`, {
      details: { path: problem.path },
    });
  }
  const bytes = value === undefined ? 4 : Buffer.byteLength(JSON.stringify(value), "utf8");
  if (bytes > maxBytes) throw valueTooLarge({ ...options, maxBytes }, bytes);
  return bytes;
}

/** The step's value is `bytes` of JSON, above `maxBytes` (also said by the Code node, which checks in its thread). */
export function valueTooLarge(options: TValueLimitOptions & { maxBytes: number }, bytes: number): NodeError {
  const subject = `${options.what === "output" ? "Output" : "Input"} of node "${options.nodeId}"`;
  const { maxBytes } = options;
  return new NodeError(options.what === "output" ? "INVALID_OUTPUT" : "INVALID_INPUT", `${subject} is ${formatBytes(bytes)}, above the ${formatBytes(maxBytes)} limit for a step`, {
    details: { bytes, maxBytes },
  });
}

/**
 * What the engine stores for a step: made storable (storable-json.ts: Dates, undefined, NUL and lone surrogates), then
 * checked by `assertStorableValue`; `undefined` becomes null. Reports where characters were replaced.
 */
export function toStorableStepValue(value: unknown, options: TValueLimitOptions): TStorableJson {
  const result = toStorableJson(value, options.what);
  assertStorableValue(result.value, options);
  if (result.value === undefined) result.value = null;
  return result;
}

export function toStorableValue(value: unknown, options: TValueLimitOptions): unknown {
  return toStorableStepValue(value, options).value;
}

type TProblem = { message: string; path: string };

function findNonJson(value: unknown, path: string, ancestors: Set<object>, depth: number): TProblem | undefined {
  switch (typeof value) {
    case "string":
    case "boolean":
    case "undefined":
      return undefined;
    case "number":
      return Number.isFinite(value) ? undefined : { message: `the number ${String(value)}`, path };
    case "bigint":
      return { message: "a BigInt (convert it to a string or a number)", path };
    case "function":
      return { message: "a function", path };
    case "symbol":
      return { message: "a symbol", path };
    case "object":
      break;
  }
  if (value === null) return undefined;
  if (depth >= MAX_NESTING) return { message: `nesting deeper than ${MAX_NESTING} levels`, path };
  if (ancestors.has(value)) return { message: "a circular reference", path };
  if (!Array.isArray(value) && !isPlainObject(value)) return { message: `a ${describeObject(value)}`, path };
  ancestors.add(value);
  try {
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i += 1) {
        const problem = findNonJson(value[i], `${path}[${i}]`, ancestors, depth + 1);
        if (problem) return problem;
      }
      return undefined;
    }
    for (const [key, entry] of Object.entries(value)) {
      const problem = findNonJson(entry, `${path}${formatKey(key)}`, ancestors, depth + 1);
      if (problem) return problem;
    }
    return undefined;
  } finally {
    ancestors.delete(value);
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object") return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function describeObject(value: object): string {
  if (value instanceof Date) return "Date (convert it to an ISO string)";
  const name = value.constructor?.name;
  return name ? `${name} object` : "non-plain object";
}

function formatKey(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}
