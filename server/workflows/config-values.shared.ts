// Values and problems of the configuration form: immutable reads and writes by path, which fields the form shows for
// a given config (lists and variants change that), where each graph problem is displayed, and new list rows.
// Isomorphic and React-free.
import type { TConfigField } from "./config-fields.shared";
import type { TGraphProblem } from "./graph-problems.shared";

export type TPath = (string | number)[];

export function pathKey(path: TPath): string {
  return path.map(String).join(".");
}

export function getIn(root: unknown, path: TPath): unknown {
  let current = root;
  for (const segment of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

/** A copy of `root` with `value` at `path` (missing objects are created); `undefined` removes an object key. */
export function setIn(root: unknown, path: TPath, value: unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return value;
  const child = rest.length === 0 ? value : setIn(getIn(root, [head]), rest, value);
  if (Array.isArray(root) && typeof head === "number") {
    const copy = [...root];
    copy[head] = child;
    return copy;
  }
  const copy: Record<string, unknown> = root !== null && typeof root === "object" ? { ...(root as object) } : {};
  if (child === undefined) delete copy[String(head)];
  else copy[String(head)] = child;
  return copy;
}

/** What a cleared field stores: nothing when it may be left out, else null when the schema allows it. */
export function clearedValue(field: TConfigField): unknown {
  return field.isOptional ? undefined : field.isNullable ? null : undefined;
}

/** The field's path under `base`; a field with key "" stands for `base` itself. */
export function fieldPath(base: TPath, field: TConfigField): TPath {
  return field.key === "" ? base : [...base, field.key];
}

/** The paths (dot-joined) of every field the form shows for `root`: list rows and the chosen variant included. */
export function listFieldPaths(fields: TConfigField[], root: unknown, base: TPath = []): string[] {
  return fields.flatMap((field) => {
    const path = fieldPath(base, field);
    const own = path.length > 0 ? [pathKey(path)] : [];
    switch (field.widget) {
      case "object":
        return [...own, ...listFieldPaths(field.fields, root, path)];
      case "list": {
        const items = getIn(root, path);
        const rows = Array.isArray(items) ? items : [];
        return [
          ...own,
          ...rows.flatMap((_, i) => [pathKey([...path, i]), ...listFieldPaths(field.itemFields, root, [...path, i])]),
        ];
      }
      case "variants": {
        const chosen = getIn(root, [...path, field.discriminator]);
        const variant = field.variants.find((v) => v.value === chosen);
        // At the root the choice itself has a path of its own ("mode"); nested, the variants field's path stands for it.
        const choice = field.key === "" ? [pathKey([...path, field.discriminator])] : [];
        return [...own, ...choice, ...(variant ? listFieldPaths(variant.fields, root, path) : [])];
      }
      default:
        return own;
    }
  });
}

export type TPlacedProblems = { byPath: Record<string, TGraphProblem[]>; unplaced: TGraphProblem[] };

/**
 * Each problem goes under the deepest shown field its `field` is in ("model.modelId" under "model"); problems with
 * no field, or whose field is not shown, are listed at the top of the panel.
 */
export function placeProblems(problems: readonly TGraphProblem[], shownPaths: readonly string[]): TPlacedProblems {
  const placed: TPlacedProblems = { byPath: {}, unplaced: [] };
  for (const problem of problems) {
    const field = problem.field;
    const target = field
      ? shownPaths
          .filter((path) => field === path || field.startsWith(`${path}.`))
          .reduce<string | null>((best, path) => (best === null || path.length > best.length ? path : best), null)
      : null;
    if (target === null) placed.unplaced.push(problem);
    else (placed.byPath[target] ??= []).push(problem);
  }
  return placed;
}

/**
 * Under its field a problem need not say which node and field it is about:
 * `Node "x", field "prompt": Enter the prompt` → "Enter the prompt";
 * `Node "x": field "n" should be at most 50` → "Should be at most 50".
 */
export function inlineProblemMessage(problem: TGraphProblem): string {
  const message = problem.message.trim();
  const named = /^Node "[^"]*", field "[^"]*": (.+)$/s.exec(message);
  if (named?.[1]) return capitalize(named[1]);
  const predicate = /^Node "[^"]*": field "[^"]*" (.+)$/s.exec(message);
  if (predicate?.[1]) return predicate[1] === "is required" ? "This field is required." : capitalize(predicate[1]);
  return message;
}

function capitalize(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

/** A new row for a list (a switch case, a classifier label): defaults, a fresh id, a numbered label. */
export function createListItem(
  field: Extract<TConfigField, { widget: "list" }>,
  existing: readonly unknown[],
): Record<string, unknown> {
  const used = new Set(existing.map((item) => getIn(item, ["id"])));
  let n = existing.length + 1;
  while (used.has(`${field.itemNoun}_${n}`)) n += 1;
  const item: Record<string, unknown> = {};
  for (const child of field.itemFields) {
    if (child.key === "id" && child.widget === "text") item.id = `${field.itemNoun}_${n}`;
    else if (child.key === "label" && child.widget === "text") item.label = `${capitalize(field.itemNoun)} ${n}`;
    else if (child.defaultValue !== undefined) item[child.key] = child.defaultValue;
    else if (child.widget === "toggle") item[child.key] = false;
    else if (["text", "textarea", "template", "jsonata", "code"].includes(child.widget)) item[child.key] = "";
  }
  return item;
}
