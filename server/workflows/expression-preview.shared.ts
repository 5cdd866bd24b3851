// Previews of expression and template fields against the last run's data, in the browser. Evaluated the way the
// engine does (server/engine/expressions.ts and templates.ts): JSONata with its own time, depth and sequence guards,
// results made plain JSON, templates parsed by the shared parser, missing values and null rendered as nothing.
// Tighter limits than the engine's: a preview runs on every keystroke. Isomorphic: no Buffer, no server imports.
import jsonata from "jsonata";
import type { TExpressionScope } from "./editor.shared";
import { parseTemplate } from "../engine/expression-check.shared";

export const PREVIEW_LIMITS = { timeoutMs: 250, maxDepth: 500, maxSequence: 10_000, maxChars: 100_000 } as const;

export type TPreview =
  | { status: "no-scope" }
  | { status: "empty" }
  | { status: "value"; value: unknown }
  | { status: "error"; message: string };

type TLimits = typeof PREVIEW_LIMITS;

const CACHE_LIMIT = 200;
type TCompiled = { isValid: true; expression: jsonata.Expression } | { isValid: false; message: string };
const compiled = new Map<string, TCompiled>();

function compile(source: string, limits: TLimits): TCompiled {
  const key = `${limits.timeoutMs}|${limits.maxDepth}|${limits.maxSequence}|${source}`;
  const hit = compiled.get(key);
  if (hit) return hit;
  let result: TCompiled;
  try {
    const options = { timeout: limits.timeoutMs, stack: limits.maxDepth, sequence: limits.maxSequence };
    result = { isValid: true, expression: jsonata(source, options) };
  } catch (error) {
    result = { isValid: false, message: describeError(error, limits) };
  }
  if (compiled.size >= CACHE_LIMIT) compiled.delete(compiled.keys().next().value as string);
  compiled.set(key, result);
  return result;
}

/** The value of a JSONata expression against the scope; never throws, never runs longer than the time limit. */
export async function previewExpression(
  source: string,
  scope: TExpressionScope | null,
  limits: TLimits = PREVIEW_LIMITS,
): Promise<TPreview> {
  if (source.trim() === "") return { status: "empty" };
  if (!scope) return { status: "no-scope" };
  try {
    return { status: "value", value: await evaluate(source, scope, limits) };
  } catch (error) {
    return { status: "error", message: error instanceof PreviewError ? error.message : describeError(error, limits) };
  }
}

/** The text a `{{ }}` template renders to against the scope, as the engine would render it. */
export async function previewTemplate(
  template: string,
  scope: TExpressionScope | null,
  limits: TLimits = PREVIEW_LIMITS,
): Promise<TPreview> {
  if (template === "") return { status: "empty" };
  const { parts, problems } = parseTemplate(template);
  const [problem] = problems;
  if (problem) return { status: "error", message: problem.message };
  if (!scope)
    return parts.some((p) => p.kind === "expression") ? { status: "no-scope" } : { status: "value", value: template };
  let rendered = "";
  for (const part of parts) {
    if (part.kind === "text") {
      rendered += part.text;
    } else {
      try {
        rendered += templateValueToString(await evaluate(part.source, scope, limits));
      } catch (error) {
        const reason = error instanceof PreviewError ? error.message : describeError(error, limits);
        return { status: "error", message: `{{ ${part.source} }}: ${reason}` };
      }
    }
    if (rendered.length > limits.maxChars) {
      return {
        status: "error",
        message: `The rendered text is longer than ${limits.maxChars.toLocaleString("en")} characters`,
      };
    }
  }
  return { status: "value", value: rendered };
}

/** Same as the engine's templates.ts: missing values and null render as nothing, objects and arrays as JSON. */
export function templateValueToString(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value) ?? "";
}

/** One line for the preview: "0.92", "\"billing\"", "{\"a\":1}", "no value" (cut to `max` characters). */
export function formatPreviewValue(value: unknown, max = 200): string {
  if (value === undefined) return "no value";
  const text = typeof value === "string" ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

class PreviewError extends Error {}

async function evaluate(source: string, scope: TExpressionScope, limits: TLimits): Promise<unknown> {
  const compiledExpression = compile(source, limits);
  if (!compiledExpression.isValid) throw new PreviewError(compiledExpression.message);
  const result: unknown = await compiledExpression.expression.evaluate(scope);
  return toPlain(result, limits);
}

function isJsonataFunction(value: unknown): boolean {
  if (typeof value === "function") return true;
  if (value === null || typeof value !== "object") return false;
  return Object.hasOwn(value, "_jsonata_lambda") || Object.hasOwn(value, "_jsonata_function");
}

/** JSONata marks the arrays it builds as sequences; the engine stores plain JSON, so the preview shows that. */
function toPlain(result: unknown, limits: TLimits): unknown {
  if (result === undefined || result === null || typeof result === "boolean" || typeof result === "number")
    return result;
  if (typeof result === "string") {
    if (result.length > limits.maxChars) throw new PreviewError(tooLong(limits));
    return result;
  }
  if (isJsonataFunction(result)) throw new PreviewError("evaluates to a function, not a value");
  let json: string;
  try {
    json = JSON.stringify(result, (_key, value: unknown) => {
      if (isJsonataFunction(value)) throw new TypeError("function");
      return value;
    });
  } catch {
    throw new PreviewError("evaluates to a value that contains a function, which is not JSON");
  }
  if (json.length > limits.maxChars) throw new PreviewError(tooLong(limits));
  return JSON.parse(json) as unknown;
}

function tooLong(limits: TLimits): string {
  return `the value is larger than ${limits.maxChars.toLocaleString("en")} characters, too large to preview`;
}

function describeError(error: unknown, limits: TLimits): string {
  const record = error !== null && typeof error === "object" ? (error as Record<string, unknown>) : {};
  switch (record.code) {
    case "D1012":
      return `took longer than ${limits.timeoutMs} ms and was stopped`;
    case "D1011":
      return `recursed deeper than ${limits.maxDepth} levels and was stopped`;
    case "D2014":
    case "D2015":
      return `built a sequence longer than ${limits.maxSequence.toLocaleString("en")} items and was stopped`;
  }
  const message = typeof record.message === "string" ? record.message : String(error);
  return typeof record.position === "number" ? `${message} (at position ${record.position})` : message;
}
