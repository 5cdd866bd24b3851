// `{{ expression }}` templates (prompts, URLs, messages): each JSONata expression is replaced by its value as text.
// `\{{` writes a literal `{{`. The closing `}}` is found with JSONata's braces and strings in mind, so
// `{{ {"total": $sum(x)} }}` is one expression.
import { NodeError } from "../nodes/node-error";
import type { TScope } from "../nodes/execute-types";
import { DEFAULT_MAX_RESULT_BYTES, checkExpression, evaluateExpression, type TEvaluateOptions } from "./expressions";
import { formatBytes } from "./value-limits";

export type TTemplateExpression = {
  source: string;
  /** Offset of the opening `{{` in the template. */
  start: number;
  /** Offset just after the closing `}}`. */
  end: number;
};
export type TTemplatePart = { kind: "text"; text: string } | ({ kind: "expression" } & TTemplateExpression);
export type TTemplateProblem = { message: string; position: number };
export type TParsedTemplate = { parts: TTemplatePart[]; problems: TTemplateProblem[] };

export function parseTemplate(template: string): TParsedTemplate {
  const parts: TTemplatePart[] = [];
  const problems: TTemplateProblem[] = [];
  let text = "";
  let cursor = 0;
  while (cursor < template.length) {
    const open = template.indexOf("{{", cursor);
    if (open === -1) break;
    if (open > 0 && template[open - 1] === "\\") {
      text += `${template.slice(cursor, open - 1)}{{`;
      cursor = open + 2;
      continue;
    }
    const close = findClose(template, open + 2);
    if (close === -1) {
      problems.push({ message: `"{{" at position ${open} has no closing "}}"`, position: open });
      break;
    }
    text += template.slice(cursor, open);
    if (text) parts.push({ kind: "text", text });
    text = "";
    parts.push({ kind: "expression", source: template.slice(open + 2, close).trim(), start: open, end: close + 2 });
    cursor = close + 2;
  }
  text += template.slice(cursor);
  if (text) parts.push({ kind: "text", text });
  return { parts, problems };
}

/** Every `{{ … }}` in the template, for validation and for the builder's variable autocomplete. */
export function listTemplateExpressions(template: string): TTemplateExpression[] {
  return parseTemplate(template).parts.flatMap((part) =>
    part.kind === "expression" ? [{ source: part.source, start: part.start, end: part.end }] : [],
  );
}

/** For the graph validator: unclosed braces and expressions that do not parse, with their offset in the template. */
export function checkTemplate(template: string): TTemplateProblem[] {
  const { parts, problems } = parseTemplate(template);
  const expressionProblems = parts.flatMap((part) => {
    if (part.kind !== "expression") return [];
    const check = checkExpression(part.source);
    return check.isValid ? [] : [{ message: `{{ ${part.source} }}: ${check.message}`, position: part.start }];
  });
  return [...problems, ...expressionProblems].sort((a, b) => a.position - b.position);
}

/** Missing values and null render as nothing; objects and arrays as JSON. */
export function templateValueToString(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value) ?? "";
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

/** Offset of the `}}` closing an expression that starts at `from`, skipping braces and strings inside it; -1 if none. */
function findClose(template: string, from: number): number {
  let depth = 0;
  let index = from;
  while (index < template.length) {
    const char = template[index];
    if (char === '"' || char === "'" || char === "`") {
      index = skipQuoted(template, index);
      continue;
    }
    if (char === "/" && template[index + 1] === "*") {
      const end = template.indexOf("*/", index + 2);
      if (end === -1) return -1;
      index = end + 2;
      continue;
    }
    if (char === "{") depth += 1;
    if (char === "}") {
      if (depth === 0 && template[index + 1] === "}") return index;
      if (depth > 0) depth -= 1;
    }
    index += 1;
  }
  return -1;
}

/** Index just after the quoted string (or backtick name) starting at `start`; the template's end if unterminated. */
function skipQuoted(template: string, start: number): number {
  const quote = template[start];
  let index = start + 1;
  while (index < template.length) {
    const char = template[index];
    if (char === "\\" && quote !== "`") {
      index += 2;
      continue;
    }
    if (char === quote) return index + 1;
    index += 1;
  }
  return template.length;
}
