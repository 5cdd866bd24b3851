// The editor's keyboard shortcuts: one list, used by the key handler and shown in the help dialog.
export type TShortcutAction =
  | "undo"
  | "redo"
  | "copy"
  | "paste"
  | "duplicate"
  | "selectAll"
  | "save"
  | "layout"
  | "fit"
  | "help"
  | "close";

export const SHORTCUTS: { action: TShortcutAction; keys: string; label: string }[] = [
  { action: "undo", keys: "Ctrl/⌘ Z", label: "Undo" },
  { action: "redo", keys: "Ctrl/⌘ Shift Z or Ctrl Y", label: "Redo" },
  { action: "copy", keys: "Ctrl/⌘ C", label: "Copy the selected nodes" },
  { action: "paste", keys: "Ctrl/⌘ V", label: "Paste nodes" },
  { action: "duplicate", keys: "Ctrl/⌘ D", label: "Duplicate the selected nodes" },
  { action: "selectAll", keys: "Ctrl/⌘ A", label: "Select every node" },
  { action: "save", keys: "Ctrl/⌘ S", label: "Save now (the draft also saves by itself)" },
  { action: "layout", keys: "Shift L", label: "Tidy up the layout" },
  { action: "fit", keys: "Shift 1", label: "Zoom to fit" },
  { action: "help", keys: "?", label: "Show these shortcuts" },
  { action: "close", keys: "Esc", label: "Close the panel, clear the selection" },
];

export const EXTRA_SHORTCUTS: { keys: string; label: string }[] = [
  { keys: "Delete or Backspace", label: "Delete the selected nodes and connections" },
  { keys: "Shift drag", label: "Select several nodes with a box" },
  { keys: "Ctrl/⌘ or Shift click", label: "Add a node to the selection, or take it out" },
  { keys: "Space drag or mouse wheel", label: "Pan and zoom the canvas" },
  { keys: "Enter on a palette item", label: "Add that node" },
];

type TKey = { key: string; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean };

/** The shortcut a key press means, or null. Ignores presses while typing in a field. */
export function shortcutFor(event: TKey, isTyping: boolean): TShortcutAction | null {
  const mod = event.ctrlKey || event.metaKey;
  const key = event.key.toLowerCase();
  if (mod && key === "s") return "save";
  if (isTyping) return null;
  if (key === "escape") return "close";
  if (mod && !event.altKey) {
    if (key === "z") return event.shiftKey ? "redo" : "undo";
    if (key === "y") return "redo";
    if (key === "c") return "copy";
    if (key === "v") return "paste";
    if (key === "d") return "duplicate";
    if (key === "a") return "selectAll";
    return null;
  }
  if (event.key === "?") return "help";
  if (event.shiftKey && key === "l") return "layout";
  if (event.shiftKey && (event.key === "!" || event.key === "1")) return "fit";
  return null;
}
