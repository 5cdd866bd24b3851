// Isomorphic syntax checks for JSONata expressions and `{{ expression }}` templates, so the builder (browser) and the
// API run the same graph validation. Parsing only: evaluation, limits and scopes stay in expressions.ts (server).
// The template parser lives here and templates.ts imports it, so there is one definition of the template syntax.
import { parseJsonata } from "./jsonata-value.shared";

export type TSyntaxCheck = { isValid: true } | { isValid: false; message: string; position?: number };

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

// The builder re-validates on every edit: most expressions are unchanged between two validations.
const CHECK_CACHE_LIMIT = 2000;
const checkCache = new Map<string, TSyntaxCheck>();

/** Does `source` parse as JSONata? Never throws; an empty expression is invalid. */
export function checkExpressionSyntax(source: string): TSyntaxCheck {
  const hit = checkCache.get(source);
  if (hit) return hit;
  const check = parseOnce(source);
  if (checkCache.size >= CHECK_CACHE_LIMIT) checkCache.delete(checkCache.keys().next().value as string);
  checkCache.set(source, check);
  return check;
}

function parseOnce(source: string): TSyntaxCheck {
  const parsed = parseJsonata(source);
  return parsed.isValid ? { isValid: true } : { isValid: false, message: parsed.message, position: parsed.position };
}

/** Unclosed braces and expressions that do not parse, with their offset in the template, in order. */
export function checkTemplateSyntax(
  template: string,
  checkExpression: (source: string) => TSyntaxCheck = checkExpressionSyntax,
): TTemplateProblem[] {
  const { parts, problems } = parseTemplate(template);
  const expressionProblems = parts.flatMap((part) => {
    if (part.kind !== "expression") return [];
    const check = checkExpression(part.source);
    return check.isValid ? [] : [{ message: `{{ ${part.source} }}: ${check.message}`, position: part.start }];
  });
  return [...problems, ...expressionProblems].sort((a, b) => a.position - b.position);
}

/** Splits a template into text and `{{ … }}` parts. `\{{` writes a literal `{{`. */
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

/**
 * Offset of the `}}` closing an expression that starts at `from`, skipping braces and strings inside it (so
 * `{{ {"total": $sum(x)} }}` is one expression); -1 if none.
 */
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
