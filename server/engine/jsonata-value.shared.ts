// What the engine (expressions.ts, templates.ts) and the builder's live previews (expression-preview.shared.ts) share
// about evaluating JSONata, so a preview says what a run would: how a failed evaluation reads, how a result becomes
// plain JSON, how a value renders inside a template. Isomorphic: no Buffer, no server imports.
import jsonata from "jsonata";

export type TJsonataLimits = { timeoutMs: number; maxDepth: number; maxSequence: number };
export type TEvaluationFailure = {
  failure: "timeout" | "depth" | "sequence" | "evaluate";
  /** Reads after the expression: `took longer than 1000 ms and was stopped`. */
  reason: string;
  position?: number;
};

export type TParsedJsonata =
  { isValid: true; expression: jsonata.Expression } | { isValid: false; message: string; position?: number };

/**
 * Parses with JSONata's own guards (checked on every AST node, bound per evaluation), or without when only the syntax
 * matters; never throws. An empty expression is invalid.
 */
export function parseJsonata(source: string, limits?: TJsonataLimits): TParsedJsonata {
  if (source.trim() === "") return { isValid: false, message: "Expression is empty" };
  try {
    const options = limits && { timeout: limits.timeoutMs, stack: limits.maxDepth, sequence: limits.maxSequence };
    return { isValid: true, expression: jsonata(source, options) };
  } catch (error) {
    const details = readJsonataError(error);
    const at = details.position === undefined ? "" : ` at position ${details.position}`;
    return { isValid: false, message: `${details.message}${at}`, position: details.position };
  }
}

type TJsonataErrorDetails = { code?: string; message: string; position?: number };

export function readJsonataError(error: unknown): TJsonataErrorDetails {
  if (error === null || typeof error !== "object") return { message: String(error) };
  const record = error as Record<string, unknown>;
  return {
    code: typeof record.code === "string" ? record.code : undefined,
    message: typeof record.message === "string" ? record.message : "unknown error",
    position: typeof record.position === "number" ? record.position : undefined,
  };
}

/** A JSONata evaluation error, with the guard that stopped it (time, depth, sequence length) named. */
export function describeEvaluationError(error: unknown, limits: TJsonataLimits): TEvaluationFailure {
  const details = readJsonataError(error);
  switch (details.code) {
    case "D1012":
      return { failure: "timeout", reason: `took longer than ${limits.timeoutMs} ms and was stopped` };
    case "D1011":
      return { failure: "depth", reason: `recursed deeper than ${limits.maxDepth} levels and was stopped` };
    case "D2014":
    case "D2015":
      return {
        failure: "sequence",
        reason: `built a sequence longer than ${limits.maxSequence.toLocaleString("en")} items and was stopped`,
      };
    default: {
      const at = details.position === undefined ? "" : ` (at position ${details.position})`;
      return { failure: "evaluate", reason: `failed: ${details.message}${at}`, position: details.position };
    }
  }
}

export function isJsonataFunction(value: unknown): boolean {
  if (typeof value === "function") return true;
  if (value === null || typeof value !== "object") return false;
  return Object.hasOwn(value, "_jsonata_lambda") || Object.hasOwn(value, "_jsonata_function");
}

export class NotPlainValueError extends Error {
  constructor(
    readonly failure: "not-a-value" | "too-large",
    reason: string,
    /** For "too-large": the size found, in the caller's unit. */
    readonly size = 0,
  ) {
    super(reason);
    this.name = "NotPlainValueError";
  }
}

/**
 * A JSONata result as plain JSON: JSONata marks the arrays it builds as sequences (extra properties that change how
 * a later expression treats them), and results must be storable anyway. `measure` gives a serialized value's size in
 * the caller's unit (bytes in the engine, characters in a preview). Throws NotPlainValueError.
 */
export function toPlainValue(result: unknown, maxSize: number, measure: (text: string) => number): unknown {
  if (result === undefined || result === null || typeof result === "boolean" || typeof result === "number")
    return result;
  if (typeof result === "string") {
    const size = measure(result);
    if (size > maxSize) throw new NotPlainValueError("too-large", "is too large", size);
    return result;
  }
  if (isJsonataFunction(result)) throw new NotPlainValueError("not-a-value", "evaluated to a function, not a value");
  let json: string;
  try {
    json = JSON.stringify(result, (_key, value: unknown) => {
      if (isJsonataFunction(value)) throw new TypeError("function");
      return value;
    });
  } catch {
    throw new NotPlainValueError("not-a-value", "evaluated to a value that contains a function, which is not JSON");
  }
  const size = measure(json);
  if (size > maxSize) throw new NotPlainValueError("too-large", "is too large", size);
  return JSON.parse(json) as unknown;
}

/** Inside a `{{ }}` template: missing values and null render as nothing, objects and arrays as JSON. */
export function templateValueToString(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value) ?? "";
}
