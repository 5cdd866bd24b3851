// Where the variable autocomplete applies in a text, and what choosing a variable does to it. Pure, so it is
// unit-tested; the input component only reads the caret and applies the result.

export type TCompletionMode = "template" | "expression";

/** The text between `from` and `to` is replaced by the chosen variable; `query` filters the suggestions. */
export type TCompletionContext = { from: number; to: number; query: string };

const PATH_CHARS = /^[\w.$`[\]-]*$/;
const ROOTS = ["nodes", "trigger", "item", "index"];

/**
 * Template mode: the caret is inside an unclosed `{{` whose content so far looks like a path (`{{ nodes.cl|`).
 * Expression mode: the caret ends a path-like word that starts like a variable (`nod|`, `trigger.bo|`), outside a
 * string; with `isExplicit` (Ctrl+Space) any word, even an empty one.
 */
export function findCompletionContext(
  text: string,
  caret: number,
  mode: TCompletionMode,
  isExplicit = false,
): TCompletionContext | null {
  const before = text.slice(0, caret);
  if (mode === "template") {
    const open = before.lastIndexOf("{{");
    if (open === -1 || before[open - 1] === "\\") return null;
    const inside = before.slice(open + 2);
    if (inside.includes("}}")) return null;
    const query = inside.trimStart();
    return PATH_CHARS.test(query) ? { from: open, to: caret, query } : null;
  }
  if ((before.match(/"/g)?.length ?? 0) % 2 === 1 || (before.match(/'/g)?.length ?? 0) % 2 === 1) return null;
  const word = /[A-Za-z_$][\w.$`[\]]*$/.exec(before)?.[0] ?? "";
  if (word !== "" && /[\w$]/.test(before[caret - word.length - 1] ?? "")) return null;
  const startsLikeVariable = ROOTS.some(
    (root) => root.startsWith(word.split(".")[0] ?? "") || word.startsWith(`${root}.`),
  );
  if (!isExplicit && (word.length < 3 || !startsLikeVariable)) return null;
  return { from: caret - word.length, to: caret, query: word };
}

/**
 * The text with the variable in place of the context, and the caret after it. In a template the whole `{{ … }}` is
 * written (a `}}` already after the caret is reused), so the result reads `{{ nodes.x.output.y }}`.
 */
export function applyCompletion(
  text: string,
  context: TCompletionContext,
  path: string,
  mode: TCompletionMode,
): { text: string; caret: number; from: number; to: number; insert: string } {
  if (mode === "expression") {
    return {
      text: text.slice(0, context.from) + path + text.slice(context.to),
      caret: context.from + path.length,
      from: context.from,
      to: context.to,
      insert: path,
    };
  }
  const after = text.slice(context.to);
  const closing = /^\s*\}\}/.exec(after)?.[0] ?? "";
  const insert = `{{ ${path} }}`;
  const to = context.to + closing.length;
  return {
    text: text.slice(0, context.from) + insert + text.slice(to),
    caret: context.from + insert.length,
    from: context.from,
    to,
    insert,
  };
}
