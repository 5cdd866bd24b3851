// Keyboard behaviour of the monospace editors (code, JSON): Tab indents, Shift+Tab outdents, Enter keeps the line's
// indentation. Escape then Tab leaves the editor, so the keyboard is never trapped. Edits go through the browser's
// insertText command, which keeps native undo working and fires the input event React listens to.
import type { KeyboardEvent } from "react";

const INDENT = "  ";

type TEditable = HTMLTextAreaElement;

function insert(el: TEditable, text: string, from: number, to: number): void {
  el.setSelectionRange(from, to);
  if (!document.execCommand("insertText", false, text)) {
    el.setRangeText(text, from, to, "end");
    el.dispatchEvent(new Event("input", { bubbles: true }));
  }
}

function lineStart(text: string, index: number): number {
  return text.lastIndexOf("\n", index - 1) + 1;
}

/** Returns true when it handled the key. `state.isEscaped` is set by Escape so the next Tab moves focus. */
export function handleCodeKey(event: KeyboardEvent<TEditable>, state: { isEscaped: boolean }): boolean {
  const el = event.currentTarget;
  if (event.key === "Escape") {
    state.isEscaped = true;
    return false;
  }
  if (event.key !== "Tab" && event.key !== "Enter") {
    state.isEscaped = false;
    return false;
  }
  if (event.key === "Tab" && state.isEscaped) {
    state.isEscaped = false;
    return false;
  }
  if (el.readOnly || event.altKey || event.ctrlKey || event.metaKey) return false;
  const { value, selectionStart: start, selectionEnd: end } = el;
  if (event.key === "Enter") {
    if (event.shiftKey) return false;
    const indent = /^[ \t]*/.exec(value.slice(lineStart(value, start), start))?.[0] ?? "";
    event.preventDefault();
    insert(el, `\n${indent}`, start, end);
    return true;
  }
  event.preventDefault();
  const first = lineStart(value, start);
  const isMultiLine = value.slice(start, end).includes("\n");
  if (!event.shiftKey && !isMultiLine) {
    insert(el, INDENT, start, end);
    return true;
  }
  const block = value.slice(first, end);
  const lines = block.split("\n");
  const changed = event.shiftKey
    ? lines.map((line) => line.replace(/^ {1,2}|^\t/, ""))
    : lines.map((line) => `${INDENT}${line}`);
  insert(el, changed.join("\n"), first, end);
  el.setSelectionRange(first, first + changed.join("\n").length);
  return true;
}

/** Enter keeps the line's indentation; Tab is left alone (short JSON fields are tabbed through like any field). */
export function handleEnterIndent(event: KeyboardEvent<TEditable>): void {
  const el = event.currentTarget;
  if (event.key !== "Enter" || event.shiftKey || event.altKey || event.ctrlKey || event.metaKey || el.readOnly) return;
  const { value, selectionStart: start, selectionEnd: end } = el;
  const indent = /^[ \t]*/.exec(value.slice(lineStart(value, start), start))?.[0] ?? "";
  if (indent === "") return;
  event.preventDefault();
  insert(el, `\n${indent}`, start, end);
}
