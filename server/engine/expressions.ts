// JSONata expressions over a step's scope (`trigger.body.amount`, `nodes.score.output.risk > 0.8`, `item`).
// Compiled expressions are cached (LRU): the same few expressions run for every run and every loop item.
// Limits use JSONata's own guardrails (`timeout`, `stack`, `sequence` options, checked on every AST node), which
// are bound per evaluation; hooks assigned with `expr.assign` would instead be shared by every concurrent evaluation
// of one cached expression. No database or Redis imports: the graph validator uses `checkExpression` on save.
import type jsonata from "jsonata";
import { NodeError } from "../nodes/node-error";
import type { TScope } from "../nodes/execute-types";
import { NotPlainValueError, describeEvaluationError, parseJsonata, toPlainValue } from "./jsonata-value.shared";
import { formatBytes } from "./value-limits";

export const EXPRESSION_CACHE_LIMIT = 1000;
export const DEFAULT_EXPRESSION_LIMITS = { timeoutMs: 1000, maxDepth: 2000, maxSequence: 100_000 } as const;
export const DEFAULT_MAX_RESULT_BYTES = 1_000_000;

export type TExpressionLimits = { timeoutMs: number; maxDepth: number; maxSequence: number };
export type TCompiledExpression =
  | { isValid: true; expression: jsonata.Expression; plainPath: string[] | null }
  | { isValid: false; message: string; position?: number };
export type TExpressionCheck = { isValid: true } | { isValid: false; message: string; position?: number };
export type TEvaluateOptions = Partial<TExpressionLimits> & { nodeId: string; field: string; maxResultBytes?: number };
export type TExpressionFailure = "parse" | "evaluate" | "timeout" | "depth" | "sequence" | "too-large" | "not-a-value";
/** Where an expression sits, so its errors can say so. */
export type TExpressionContext = { nodeId: string; field: string; expression: string };

export class ExpressionError extends NodeError {
  readonly nodeId: string;
  readonly field: string;
  readonly expression: string;
  readonly position?: number;
  readonly failure: TExpressionFailure;

  constructor(ctx: TExpressionContext, failure: TExpressionFailure, reason: string, position?: number) {
    super(
      "EXPRESSION",
      `Node "${ctx.nodeId}", field "${ctx.field}": expression "${shorten(ctx.expression)}" ${reason}`,
      {
        details: { field: ctx.field, expression: ctx.expression, failure, position },
      },
    );
    this.name = "ExpressionError";
    this.nodeId = ctx.nodeId;
    this.field = ctx.field;
    this.expression = ctx.expression;
    this.position = position;
    this.failure = failure;
  }
}

const cache = new Map<string, TCompiledExpression>();

/** Parses (or returns the cached parse of) `source`; never throws. Parse failures are cached too. */
export function compileExpression(
  source: string,
  limits: TExpressionLimits = DEFAULT_EXPRESSION_LIMITS,
): TCompiledExpression {
  const key = `${limits.timeoutMs}|${limits.maxDepth}|${limits.maxSequence}|${source}`;
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const compiled = parse(source, limits);
  cache.set(key, compiled);
  if (cache.size > EXPRESSION_CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  return compiled;
}

export function getExpressionCacheSize(): number {
  return cache.size;
}

/** For the graph validator: does it parse? */
export function checkExpression(source: string): TExpressionCheck {
  const compiled = compileExpression(source);
  return compiled.isValid
    ? { isValid: true }
    : { isValid: false, message: compiled.message, position: compiled.position };
}

/** Evaluates against the scope. `undefined` means "no value" (a missing path), distinct from a JSON `null`. */
export async function evaluateExpression(source: string, scope: TScope, options: TEvaluateOptions): Promise<unknown> {
  const limits: TExpressionLimits = {
    timeoutMs: options.timeoutMs ?? DEFAULT_EXPRESSION_LIMITS.timeoutMs,
    maxDepth: options.maxDepth ?? DEFAULT_EXPRESSION_LIMITS.maxDepth,
    maxSequence: options.maxSequence ?? DEFAULT_EXPRESSION_LIMITS.maxSequence,
  };
  const ctx = { nodeId: options.nodeId, field: options.field, expression: source };
  const compiled = compileExpression(source, limits);
  if (!compiled.isValid)
    throw new ExpressionError(ctx, "parse", `could not be parsed: ${compiled.message}`, compiled.position);
  if (compiled.plainPath) {
    const resolved = resolvePlainPath(scope, compiled.plainPath);
    // Values already in the scope were size-checked when they were stored, so no size check here.
    if (resolved.isResolved) return resolved.value;
  }
  let result: unknown;
  try {
    result = await compiled.expression.evaluate(scope);
  } catch (error) {
    throw toEvaluationError(error, ctx, limits);
  }
  return toPlainResult(result, ctx, options.maxResultBytes ?? DEFAULT_MAX_RESULT_BYTES);
}

const RESERVED_NAMES = new Set(["true", "false", "null", "and", "or", "in"]);

/** `nodes.a.output.b` → ["nodes", "a", "output", "b"]; anything else (operators, arrays, functions…) → null. */
export function parsePlainPath(source: string): string[] | null {
  const trimmed = source.trim();
  if (!/^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*$/.test(trimmed)) return null;
  const segments = trimmed.split(".");
  return segments.some((segment) => RESERVED_NAMES.has(segment)) ? null : segments;
}

/**
 * Resolves a plain path the way JSONata would, or gives up (`isResolved: false`) where JSONata's semantics differ
 * from a property walk: arrays are mapped over and flattened, so those go through JSONata.
 */
export function resolvePlainPath(root: unknown, segments: string[]): { isResolved: boolean; value?: unknown } {
  let current: unknown = root;
  for (const segment of segments) {
    if (Array.isArray(current)) return { isResolved: false };
    if (current === null || typeof current !== "object" || !Object.hasOwn(current, segment)) {
      return { isResolved: true, value: undefined };
    }
    current = (current as Record<string, unknown>)[segment];
  }
  if (Array.isArray(current) || typeof current === "function") return { isResolved: false };
  return { isResolved: true, value: current };
}

function parse(source: string, limits: TExpressionLimits): TCompiledExpression {
  const parsed = parseJsonata(source, limits);
  return parsed.isValid ? { ...parsed, plainPath: parsePlainPath(source) } : parsed;
}

function toEvaluationError(error: unknown, ctx: TExpressionContext, limits: TExpressionLimits) {
  const { failure, reason, position } = describeEvaluationError(error, limits);
  return new ExpressionError(ctx, failure, reason, position);
}

// UTF-8 is at most 3 bytes per UTF-16 unit: the exact count is skipped for the usual short values.
function utf8Size(maxBytes: number) {
  return (text: string) => (text.length * 3 <= maxBytes ? text.length : Buffer.byteLength(text, "utf8"));
}

function toPlainResult(result: unknown, ctx: TExpressionContext, maxBytes: number): unknown {
  try {
    return toPlainValue(result, maxBytes, utf8Size(maxBytes));
  } catch (error) {
    if (!(error instanceof NotPlainValueError)) throw error;
    if (error.failure === "not-a-value") throw new ExpressionError(ctx, "not-a-value", error.message);
    throw new ExpressionError(
      ctx,
      "too-large",
      `produced ${formatBytes(error.size)}, above the ${formatBytes(maxBytes)} limit for an expression result`,
    );
  }
}

function shorten(source: string): string {
  const oneLine = source.replace(/\s+/g, " ").trim();
  return oneLine.length > 120 ? `${oneLine.slice(0, 117)}…` : oneLine;
}
