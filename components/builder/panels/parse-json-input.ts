// The test-run dialog's JSON editor: parse errors say where (line and column), and the last input is remembered per
// workflow in localStorage. Pure apart from the Storage passed in, so both are tested.
import { parseJsonText, type TJsonText } from "@/components/parse-json-text";

export function parseJsonInput(text: string): TJsonText {
  if (text.trim() === "") return { isValid: false, message: "Enter a JSON value, e.g. {} for an empty object." };
  return parseJsonText(text);
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
