// Content rules may carry regular expressions written by people. JavaScript's engine backtracks, so some patterns
// take exponential time on a crafted input ("catastrophic backtracking"). They are refused when the policy is saved,
// by shape: a repeated group that itself contains a repetition (`(a+)+`, `(\w*x)*`, `(?:a{2,})+`), and
// backreferences (`\1`, `\k<name>`), the two constructs behind nearly all such blow-ups; and any pattern longer than
// MAX_PATTERN_LENGTH. Overlapping alternatives under a repetition (`(a|a)*`) are not recognised by this check.

export const MAX_PATTERN_LENGTH = 200;
export const ALLOWED_PATTERN_FLAGS = ["i", "m", "s", "u"] as const;

export const NESTED_QUANTIFIER_MESSAGE =
  "repeats a group that already contains a repetition (like (a+)+), which can take exponential time; rewrite it without the nested repetition";
export const BACKREFERENCE_MESSAGE =
  "uses a backreference (like \\1 or \\k<name>), which can take exponential time; rewrite it without one";

/** Why the pattern is refused, or null when it may be used. */
export function checkPattern(pattern: string, flags = ""): string | null {
  if (pattern.length === 0) return "is empty";
  if (pattern.length > MAX_PATTERN_LENGTH) {
    return `is ${pattern.length} characters long; a pattern may have at most ${MAX_PATTERN_LENGTH}`;
  }
  if (checkFlags(flags)) return "cannot be checked until its flags are fixed";
  try {
    new RegExp(pattern, flags);
  } catch (error) {
    const message = error instanceof Error ? error.message.replace(/^Invalid regular expression: /, "") : "";
    return `is not a valid regular expression (${message})`;
  }
  return findDangerousConstruct(pattern);
}

/** Why the flags are refused (`g` and `y` make a pattern stateful between tests), or null. */
export function checkFlags(flags: string): string | null {
  for (const flag of flags) {
    if (!(ALLOWED_PATTERN_FLAGS as readonly string[]).includes(flag)) {
      return `Flag "${flag}" is not allowed; allowed flags are ${ALLOWED_PATTERN_FLAGS.join(", ")}`;
    }
  }
  return new Set(flags).size === flags.length ? null : "A flag is given twice";
}

/** One pass over the pattern's syntax: escapes and character classes are skipped, groups tracked on a stack. */
function findDangerousConstruct(pattern: string): string | null {
  // Per open group: does it contain a repetition?
  const stack: boolean[] = [false];
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === "\\") {
      const next = pattern[i + 1] ?? "";
      if (/[1-9]/.test(next) || (next === "k" && pattern[i + 2] === "<")) return BACKREFERENCE_MESSAGE;
      i += 2;
    } else if (c === "[") {
      i = skipClass(pattern, i);
    } else if (c === "(") {
      stack.push(false);
      i += 1;
    } else if (c === ")") {
      const hasInnerRepetition = stack.pop() ?? false;
      const quantifierEnd = readRepetition(pattern, i + 1);
      if (quantifierEnd !== null && hasInnerRepetition) return NESTED_QUANTIFIER_MESSAGE;
      if (hasInnerRepetition || quantifierEnd !== null) stack[stack.length - 1] = true;
      i = quantifierEnd ?? i + 1;
    } else {
      const quantifierEnd = readRepetition(pattern, i);
      if (quantifierEnd !== null) {
        stack[stack.length - 1] = true;
        i = quantifierEnd;
      } else i += 1;
    }
  }
  return null;
}

/** If a repetition (`*`, `+`, `{n,}`, `{n,m}` with m > 1, with an optional lazy `?`) starts at `i`, where it ends. */
function readRepetition(pattern: string, i: number): number | null {
  const c = pattern[i];
  let end: number | null = null;
  if (c === "*" || c === "+") end = i + 1;
  else if (c === "{") {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i, i + 24));
    if (m && (m[2] !== undefined && (m[3] === "" || Number(m[3]) > 1))) end = i + m[0].length;
    else if (m) return null;
  }
  if (end !== null && pattern[end] === "?") end += 1;
  return end;
}

function skipClass(pattern: string, start: number): number {
  let i = start + 1;
  while (i < pattern.length && pattern[i] !== "]") i += pattern[i] === "\\" ? 2 : 1;
  return i + 1;
}
