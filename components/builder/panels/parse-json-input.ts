// The test-run dialog's JSON editor: parse errors say where (line and column), and the last input is remembered per
// workflow in localStorage. Pure apart from the Storage passed in, so both are tested.
import { locateJsonError } from "./locate-json-error";

export type TJsonInput = { isValid: true; value: unknown } | { isValid: false; message: string };

/** Line and column (1-based) of a character offset. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split("\n");
  return { line: lines.length, column: (lines.at(-1) ?? "").length + 1 };
}

function describeParseError(text: string, error: unknown): string {
  const spot = locateJsonError(text);
  if (spot) {
    const { line, column } = lineColumnAt(text, spot.offset);
    return `Not valid JSON at line ${line}, column ${column}: ${spot.reason}.`;
  }
  return `Not valid JSON: ${error instanceof Error ? error.message : String(error)}`;
}

export function parseJsonInput(text: string): TJsonInput {
  if (text.trim() === "") return { isValid: false, message: "Enter a JSON value, e.g. {} for an empty object." };
  try {
    return { isValid: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { isValid: false, message: describeParseError(text, error) };
  }
}

export function formatJsonInput(value: unknown): string {
  try {
    return JSON.stringify(value === undefined ? {} : value, null, 2) ?? "{}";
  } catch {
    return "{}";
  }
}

type TStorage = Pick<Storage, "getItem" | "setItem">;

const storageKey = (workflowId: string) => `baton:test-input:${workflowId}`;

/** The input last started for this workflow, or null; a full or blocked storage simply forgets. */
export function readSavedInput(storage: TStorage | null, workflowId: string): string | null {
  try {
    return storage?.getItem(storageKey(workflowId)) ?? null;
  } catch {
    return null;
  }
}

export function saveInput(storage: TStorage | null, workflowId: string, text: string): void {
  try {
    storage?.setItem(storageKey(workflowId), text);
  } catch {
    // Private browsing or a full quota: remembering the input is a convenience, never a reason to fail a start.
  }
}

/** window.localStorage when there is one (never during server rendering). */
export function browserStorage(): TStorage | null {
  try {
    return typeof window === "undefined" ? null : window.localStorage;
  } catch {
    return null;
  }
}
