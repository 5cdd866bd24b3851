"use client";
// Keyboard shortcuts and the system clipboard for the canvas. Copy and paste go through the browser's copy/paste
// events (no clipboard permission needed, works across tabs); everything else through keydown.
import { useEffect, useRef } from "react";
import { CLIPBOARD_FORMAT, parseClipboard, type TClipboard } from "../graph/clipboard";
import { shortcutFor, type TShortcutAction } from "./shortcuts";

function isTypingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName) || target.closest("dialog[open]") !== null;
}

type THandlers = {
  onAction: (action: TShortcutAction) => void;
  onCopy: () => TClipboard | null;
  onPaste: (clip: TClipboard) => void;
};

export function useEditorShortcuts(handlers: THandlers): void {
  const ref = useRef(handlers);
  useEffect(() => {
    ref.current = handlers;
  });

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const action = shortcutFor(event, isTypingIn(event.target));
      // Copy and paste arrive as their own events below.
      if (!action || action === "copy" || action === "paste") return;
      event.preventDefault();
      ref.current.onAction(action);
    };
    const onCopy = (event: ClipboardEvent) => {
      if (isTypingIn(event.target) || hasTextSelection()) return;
      const clip = ref.current.onCopy();
      if (!clip || !event.clipboardData) return;
      event.clipboardData.setData("text/plain", JSON.stringify(clip));
      event.preventDefault();
    };
    const onPaste = (event: ClipboardEvent) => {
      if (isTypingIn(event.target)) return;
      const text = event.clipboardData?.getData("text/plain") ?? "";
      if (!text.includes(CLIPBOARD_FORMAT)) return;
      const clip = parseClipboard(text);
      if (!clip) return;
      event.preventDefault();
      ref.current.onPaste(clip);
    };
    window.addEventListener("keydown", onKeyDown);
    document.addEventListener("copy", onCopy);
    document.addEventListener("paste", onPaste);
    return () => {
      window.removeEventListener("keydown", onKeyDown);
      document.removeEventListener("copy", onCopy);
      document.removeEventListener("paste", onPaste);
    };
  }, []);
}

function hasTextSelection(): boolean {
  const selection = window.getSelection();
  return selection !== null && !selection.isCollapsed && selection.toString().trim() !== "";
}
