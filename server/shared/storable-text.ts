// PostgreSQL cannot store U+0000 in text or jsonb, and a lone UTF-16 surrogate is not Unicode text at all (jsonb
// refuses it too). Input is checked for both where it enters (JSON bodies, webhook bodies, query parameters) and
// refused with a 400 naming the field, instead of failing later as a 500 or as a run that cannot be saved.
import { AppError, type TErrorIssue } from "../errors";

const SUSPECT = /[\u0000\ud800-\udfff]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why a string cannot be stored, or null when it can. */
export function unstorableReason(text: string): string | null {
  if (!SUSPECT.test(text)) return null;
  if (text.includes("\u0000")) return "contains a NUL character (U+0000), which cannot be stored";
  const lone = LONE_SURROGATE.exec(text);
  if (lone) {
    const code = lone[0].charCodeAt(0).toString(16).toUpperCase();
    return `contains a lone surrogate (U+${code}), which is not valid Unicode text and cannot be stored`;
  }
  return null;
}

/** A field path as people read it: `input.items.0.name`; a key with odd characters is shown JSON-escaped. */
function joinPath(path: readonly string[]): string {
  return path.map((part) => (/^[\w$-]+$/.test(part) ? part : JSON.stringify(part))).join(".");
}

type TFrame = { value: unknown; key: string | null; parent: TFrame | null };

function pathOf(frame: TFrame, basePath: readonly string[]): string[] {
  const parts: string[] = [];
  for (let f: TFrame | null = frame; f; f = f.parent) if (f.key !== null) parts.push(f.key);
  return [...basePath, ...parts.reverse()];
}

/**
 * The first string or object key in `value` that cannot be stored, as an issue with its field path. Walks with an
 * explicit stack and parent links (a path is built only for the culprit), so deep nesting costs linear time and
 * cannot overflow the call stack.
 */
export function findUnstorableText(value: unknown, basePath: readonly string[] = []): TErrorIssue | null {
  const stack: TFrame[] = [{ value, key: null, parent: null }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const current = frame.value;
    if (typeof current === "string") {
      const reason = unstorableReason(current);
      if (reason) return { path: joinPath(pathOf(frame, basePath)), message: reason };
    } else if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) stack.push({ value: current[i], key: String(i), parent: frame });
    } else if (current !== null && typeof current === "object") {
      const entries = Object.entries(current);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i]!;
        const childFrame: TFrame = { value: child, key, parent: frame };
        const keyReason = unstorableReason(key);
        if (keyReason) return { path: joinPath(pathOf(childFrame, basePath)), message: `the key ${keyReason}` };
        stack.push(childFrame);
      }
    }
  }
  return null;
}

/** Throws a 400 naming the field when `value` holds a string or key that cannot be stored. */
export function assertStorableText(value: unknown, basePath: readonly string[] = []): void {
  const issue = findUnstorableText(value, basePath);
  if (!issue) return;
  const where = issue.path === "" ? "The request body" : issue.path;
  throw new AppError("VALIDATION", `${where}: ${issue.message}.`, { issues: [issue] });
}
