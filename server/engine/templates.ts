// `{{ expression }}` templates (prompts, URLs, messages): each JSONata expression is replaced by its value as text.
// `\{{` writes a literal `{{`. The template syntax (parsing, checking) is isomorphic, in expression-check.shared.ts,
// so the builder validates templates exactly as the engine reads them; rendering stays here.
import { NodeError } from "../nodes/node-error";
import type { TScope } from "../nodes/execute-types";
import { DEFAULT_MAX_RESULT_BYTES, checkExpression, evaluateExpression, type TEvaluateOptions } from "./expressions";
import {
  checkTemplateSyntax,
  listTemplateExpressions,
  parseTemplate,
  type TTemplateProblem,
} from "./expression-check.shared";
import { templateValueToString } from "./jsonata-value.shared";
import { formatBytes } from "./value-limits";

export type { TParsedTemplate, TTemplateExpression, TTemplatePart, TTemplateProblem } from "./expression-check.shared";
export { listTemplateExpressions, parseTemplate };

/** For the graph validator: unclosed braces and expressions that do not parse, with their offset in the template. */
export function checkTemplate(template: string): TTemplateProblem[] {
  // Through the engine's compile cache, so a checked template's expressions are already compiled when they run.
  return checkTemplateSyntax(template, checkExpression);
}

export async function renderTemplate(template: string, scope: TScope, options: TEvaluateOptions): Promise<string> {
  if (!template.includes("{{")) return template;
  const { parts, problems } = parseTemplate(template);
  const [problem] = problems;
  if (problem) {
    throw new NodeError(
      "EXPRESSION",
      `Node "${options.nodeId}", field "${options.field}": the template's ${problem.message}`,
      {
        details: { field: options.field, position: problem.position },
      },
    );
  }
  const maxBytes = options.maxResultBytes ?? DEFAULT_MAX_RESULT_BYTES;
  let rendered = "";
  for (const part of parts) {
    rendered +=
      part.kind === "text" ? part.text : templateValueToString(await evaluateExpression(part.source, scope, options));
    // Checked as we go so a template that repeats a large value cannot build an enormous string first.
    if (rendered.length > maxBytes) {
      throw new NodeError(
        "EXPRESSION",
        `Node "${options.nodeId}", field "${options.field}": the rendered template is longer than the ${formatBytes(maxBytes)} limit`,
        { details: { field: options.field, maxBytes } },
      );
    }
  }
  return rendered;
}
