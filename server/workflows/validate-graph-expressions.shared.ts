// Expression and template fields: each parses, and each `nodes.<id>` it reads names a node of this workflow that runs
// before it (otherwise the value would be missing at run time). References are found with a small tokenizer over the
// source, not a full JSONata AST walk: string literals and comments are blanked first, and `x.nodes.y` or `$nodes.y`
// (a field or a variable named nodes) are not references.
import { checkExpressionSyntax, checkTemplateSyntax, listTemplateExpressions, parseTemplate } from "../engine/expression-check.shared";
import type { TNodeDefinition } from "../nodes/types";
import { setIn, type TPath } from "./config-values.shared";
import type { TGraphProblem } from "./graph-problems.shared";
import type { TInspectedNode } from "./validate-graph-parse.shared";
import { createAncestry, type TTopology } from "./validate-graph-topology.shared";

/** `field` as problems name it ("cases.0.when"); `path` its segments, array positions as numbers. */
export type TFieldValue = { field: string; path: TPath; value: unknown };

/** Values at a dot path; `*` stands for every element of an array or every value of a record ("cases.*.when"). */
export function resolveFieldPath(config: unknown, pattern: string): TFieldValue[] {
  let current: { path: TPath; value: unknown }[] = [{ path: [], value: config }];
  for (const segment of pattern.split(".")) {
    const next: typeof current = [];
    for (const { path, value } of current) {
      if (value === null || typeof value !== "object") continue;
      if (segment === "*") {
        const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
        for (const [key, child] of entries) next.push({ path: [...path, key], value: child });
      } else if (Object.hasOwn(value, segment)) {
        next.push({ path: [...path, segment], value: (value as Record<string, unknown>)[segment] });
      }
    }
    current = next;
  }
  return current.map(({ path, value }) => ({ field: path.join("."), path, value }));
}

type TNodeReference = { id: string; start: number };

/** Each `nodes.<id>` an expression reads, with the offset of the id in the source. */
function scanNodeReferences(source: string): TNodeReference[] {
  const code = blankLiterals(source);
  const found: TNodeReference[] = [];
  for (const match of code.matchAll(/nodes\s*\.\s*([A-Za-z_][A-Za-z0-9_]*)/g)) {
    // `$nodes`, `my_nodes` are other names; `x.nodes.y` (or `x. nodes.y`) is a field of x.
    if (match.index > 0 && /[\w$`]/.test(code[match.index - 1]!)) continue;
    let before = match.index - 1;
    while (before >= 0 && /\s/.test(code[before]!)) before -= 1;
    if (before >= 0 && code[before] === ".") continue;
    found.push({ id: match[1]!, start: match.index + match[0].length - match[1]!.length });
  }
  return found;
}

/** The node ids an expression reads through `nodes.<id>`, in order of first appearance. */
export function findNodeReferences(source: string): string[] {
  return [...new Set(scanNodeReferences(source).map((ref) => ref.id))];
}

/** The expression with its `nodes.<old>` references renamed; string literals, comments and `$nodes.x` are left as they are. */
export function renameNodeReferences(source: string, renamed: ReadonlyMap<string, string>): string {
  let out = "";
  let cursor = 0;
  for (const ref of scanNodeReferences(source)) {
    const next = renamed.get(ref.id);
    if (next === undefined) continue;
    out += source.slice(cursor, ref.start) + next;
    cursor = ref.start + ref.id.length;
  }
  return out + source.slice(cursor);
}

/** The template with the references inside its `{{ … }}` renamed; its text is left as it is. */
export function renameTemplateReferences(template: string, renamed: ReadonlyMap<string, string>): string {
  let out = "";
  let cursor = 0;
  for (const part of parseTemplate(template).parts) {
    if (part.kind !== "expression") continue;
    const inner = template.slice(part.start + 2, part.end - 2);
    out += template.slice(cursor, part.start + 2) + renameNodeReferences(inner, renamed);
    cursor = part.end - 2;
  }
  return out + template.slice(cursor);
}

/**
 * A node's config with the references of its expression and template fields renamed (for pasted nodes, whose ids
 * change). Other strings, e.g. a URL or a plain label, are not expressions and are kept.
 */
export function renameConfigReferences<T>(
  definition: Pick<TNodeDefinition, "expressionFields" | "templateFields">,
  config: T,
  renamed: ReadonlyMap<string, string>,
): T {
  let result: unknown = config;
  const rewrite = (patterns: readonly string[] | undefined, rename: (source: string) => string) => {
    for (const pattern of patterns ?? []) {
      for (const { path, value } of resolveFieldPath(result, pattern)) {
        if (typeof value !== "string") continue;
        const next = rename(value);
        if (next !== value) result = setIn(result, path, next);
      }
    }
  };
  rewrite(definition.expressionFields, (source) => renameNodeReferences(source, renamed));
  rewrite(definition.templateFields, (source) => renameTemplateReferences(source, renamed));
  return result as T;
}

/** Replaces the insides of string literals and comments with spaces, keeping offsets. */
function blankLiterals(source: string): string {
  let out = "";
  let i = 0;
  while (i < source.length) {
    const char = source[i]!;
    if (char === '"' || char === "'") {
      let j = i + 1;
      while (j < source.length && source[j] !== char) j += source[j] === "\\" ? 2 : 1;
      out += char + " ".repeat(Math.max(0, Math.min(j, source.length) - i - 1)) + (j < source.length ? char : "");
      i = j + 1;
    } else if (char === "/" && source[i + 1] === "*") {
      const end = source.indexOf("*/", i + 2);
      const stop = end === -1 ? source.length : end + 2;
      out += " ".repeat(stop - i);
      i = stop;
    } else {
      out += char;
      i += 1;
    }
  }
  return out;
}

export function checkExpressions(topology: TTopology, problems: TGraphProblem[]): void {
  const ancestorsOf = createAncestry(topology);
  for (const node of topology.graph.nodes.values()) {
    if (!node.definition || !node.rawConfig) continue;
    const subject = `Node "${node.id}"`;
    for (const path of node.definition.expressionFields ?? []) {
      for (const { field, value } of resolveFieldPath(node.rawConfig, path)) {
        // Required fields are the schema's business: an empty optional expression means "not used".
        if (typeof value !== "string" || value.trim() === "") continue;
        const check = checkExpressionSyntax(value);
        if (!check.isValid)
          problems.push({
            nodeId: node.id,
            field,
            code: "invalid_expression",
            message: `${subject}, field "${field}": the expression does not parse: ${check.message}.`,
          });
        checkReferences(topology, node, field, findNodeReferences(value), ancestorsOf, problems);
      }
    }
    for (const path of node.definition.templateFields ?? []) {
      for (const { field, value } of resolveFieldPath(node.rawConfig, path)) {
        if (typeof value !== "string" || !value.includes("{{")) continue;
        for (const problem of checkTemplateSyntax(value))
          problems.push({
            nodeId: node.id,
            field,
            code: "invalid_template",
            message: `${subject}, field "${field}": ${problem.message}.`,
          });
        const references = new Set(listTemplateExpressions(value).flatMap((e) => findNodeReferences(e.source)));
        checkReferences(topology, node, field, [...references], ancestorsOf, problems);
      }
    }
  }
}

function checkReferences(
  topology: TTopology,
  node: TInspectedNode,
  field: string,
  references: string[],
  ancestorsOf: (id: string) => Set<string>,
  problems: TGraphProblem[],
): void {
  const subject = `Node "${node.id}", field "${field}"`;
  for (const id of references) {
    if (!topology.graph.nodes.has(id)) {
      problems.push({
        nodeId: node.id,
        field,
        code: "unknown_node_reference",
        message: `${subject}: refers to nodes.${id}, which is not in this workflow.`,
      });
    } else if (id === node.id) {
      problems.push({
        nodeId: node.id,
        field,
        code: "reference_not_upstream",
        message: `${subject}: refers to its own output (nodes.${id}), which does not exist yet while it runs.`,
      });
    } else if (!ancestorsOf(node.id).has(id)) {
      problems.push({
        nodeId: node.id,
        field,
        code: "reference_not_upstream",
        message: `${subject}: nodes.${id} is not before this node, so it has no output yet.`,
      });
    }
  }
}
