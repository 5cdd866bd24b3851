// JSON typed by a person (a config field, a test run's input, a pasted workflow file): parsed, and when it does not
// parse, where (line and column) and why in plain words, whatever the browser's own wording (some give no position).
import { locateJsonError } from "./locate-json-error";

export type TJsonText = { isValid: true; value: unknown } | { isValid: false; message: string };

/** Line and column (1-based) of a character offset. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split("\n");
  return { line: lines.length, column: (lines.at(-1) ?? "").length + 1 };
}

/** "Not valid JSON at line 3, column 14: expected a comma or a closing brace." on failure. */
export function parseJsonText(text: string): TJsonText {
  try {
    return { isValid: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const spot = locateJsonError(text);
    if (spot) {
      const { line, column } = lineColumnAt(text, spot.offset);
      return { isValid: false, message: `Not valid JSON at line ${line}, column ${column}: ${spot.reason}.` };
    }
    return { isValid: false, message: `Not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
}
