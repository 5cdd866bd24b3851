// Previews of expression and template fields against the last run's data, in the browser. Evaluated the way the
// engine does, with the engine's own parsing, guards, plain-JSON results and template rendering
// (engine/jsonata-value.shared.ts, engine/expression-check.shared.ts).
// Tighter limits than the engine's: a preview runs on every keystroke. Isomorphic: no Buffer, no server imports.
import type { TExpressionScope } from "./editor.shared";
import { parseTemplate } from "../engine/expression-check.shared";
import {
  NotPlainValueError,
  describeEvaluationError,
  parseJsonata,
  templateValueToString,
  toPlainValue,
  type TParsedJsonata,
} from "../engine/jsonata-value.shared";

export { templateValueToString };

export const PREVIEW_LIMITS = { timeoutMs: 250, maxDepth: 500, maxSequence: 10_000, maxChars: 100_000 } as const;

export type TPreview =
  | { status: "no-scope" }
  | { status: "empty" }
  | { status: "value"; value: unknown }
  | { status: "error"; message: string };

type TLimits = typeof PREVIEW_LIMITS;

const CACHE_LIMIT = 200;
const compiled = new Map<string, TParsedJsonata>();

function compile(source: string, limits: TLimits): TParsedJsonata {
  const key = `${limits.timeoutMs}|${limits.maxDepth}|${limits.maxSequence}|${source}`;
  const hit = compiled.get(key);
  if (hit) return hit;
  const result = parseJsonata(source, limits);
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
    return { status: "error", message: describeError(error) };
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
        const reason = describeError(error);
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
  let result: unknown;
  try {
    result = await compiledExpression.expression.evaluate(scope);
  } catch (error) {
    throw new PreviewError(describeEvaluationError(error, limits).reason);
  }
  try {
    return toPlainValue(result, limits.maxChars, (text) => text.length);
  } catch (error) {
    if (!(error instanceof NotPlainValueError) || error.failure === "not-a-value") throw error;
    throw new PreviewError(
      `the value is larger than ${limits.maxChars.toLocaleString("en")} characters, too large to preview`,
    );
  }
}

function describeError(error: unknown): string {
  return error instanceof PreviewError || error instanceof NotPlainValueError ? error.message : String(error);
}
