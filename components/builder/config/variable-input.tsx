"use client";

import { useRef, useState, type KeyboardEvent } from "react";
import { filterSuggestions, type TVariableSuggestion } from "@/server/workflows/upstream-variables.shared";
import { caretLineBottom } from "./caret-position";
import { useForm } from "./form-context";
import {
  applyCompletion,
  findCompletionContext,
  type TCompletionContext,
  type TCompletionMode,
} from "./template-completion";
import { SuggestionList, optionId } from "./suggestion-list";
import { INPUT, MONO } from "./styles";

type TProps = {
  id: string;
  name: string;
  value: string;
  onChange: (text: string) => void;
  mode: TCompletionMode;
  isMultiline: boolean;
  isRequired?: boolean;
  isInvalid?: boolean;
  describedBy?: string;
  placeholder?: string;
  maxLength?: number;
  /** For inputs without a visible <label> of their own (key-value rows). */
  ariaLabel?: string;
  /** A narrow input (a key-value row's value): the suggestions open wider than it. */
  isNarrow?: boolean;
};

type TOpen = { context: TCompletionContext; items: TVariableSuggestion[]; active: number; top: number };
type TElement = HTMLInputElement | HTMLTextAreaElement;

/**
 * A text input (template or JSONata) with variable autocomplete: typing `{{` in a template, or the start of a
 * variable in an expression (Ctrl+Space anywhere), lists the trigger's fields and the outputs of upstream nodes.
 * Arrows move, Enter or Tab inserts, Escape closes; the input keeps the focus throughout.
 */
export function VariableInput(props: TProps) {
  const { id, value, mode, isMultiline } = props;
  const { suggestions, isReadOnly } = useForm();
  const ref = useRef<TElement | null>(null);
  const isInserting = useRef(false);
  const [open, setOpen] = useState<TOpen | null>(null);
  const listId = `${id}-variables`;

  const update = (el: TElement, isExplicit = false) => {
    const caret = el.selectionStart ?? 0;
    const context =
      !isReadOnly && el.selectionEnd === caret ? findCompletionContext(el.value, caret, mode, isExplicit) : null;
    const items = context ? filterSuggestions(suggestions, context.query) : [];
    if (!context || items.length === 0) {
      setOpen(null);
      return;
    }
    const top = el instanceof HTMLTextAreaElement ? caretLineBottom(el, caret) : el.offsetHeight;
    setOpen({ context, items, active: 0, top: top + 2 });
  };

  const pick = (item: TVariableSuggestion) => {
    const el = ref.current;
    if (!el || !open) return;
    const result = applyCompletion(el.value, open.context, item.path, mode);
    setOpen(null);
    isInserting.current = true;
    el.focus();
    el.setSelectionRange(result.from, result.to);
    // insertText keeps the browser's undo history and fires the input event React listens to.
    if (!document.execCommand("insertText", false, result.insert)) {
      props.onChange(result.text);
      requestAnimationFrame(() => el.setSelectionRange(result.caret, result.caret));
    }
    isInserting.current = false;
  };

  const onKeyDown = (event: KeyboardEvent<TElement>) => {
    if (event.key === " " && event.ctrlKey) {
      event.preventDefault();
      update(event.currentTarget, true);
      return;
    }
    if (!open) return;
    const count = open.items.length;
    const go = (index: number) => {
      event.preventDefault();
      setOpen({ ...open, active: index });
    };
    if (event.key === "ArrowDown") go((open.active + 1) % count);
    else if (event.key === "ArrowUp") go((open.active - 1 + count) % count);
    else if (event.key === "PageDown") go(Math.min(count - 1, open.active + 8));
    else if (event.key === "PageUp") go(Math.max(0, open.active - 8));
    else if (event.key === "Enter" || (event.key === "Tab" && !event.shiftKey)) {
      const item = open.items[open.active];
      if (!item) return;
      event.preventDefault();
      pick(item);
    } else if (event.key === "Escape") {
      // Only the list closes: the panel's own Escape (close the panel) must not fire.
      event.preventDefault();
      event.stopPropagation();
      setOpen(null);
    }
  };

  const common = {
    id,
    name: props.name,
    value,
    placeholder: props.placeholder,
    maxLength: props.maxLength,
    readOnly: isReadOnly,
    required: props.isRequired,
    spellCheck: mode === "template",
    autoComplete: "off",
    "aria-label": props.ariaLabel,
    "aria-invalid": props.isInvalid || undefined,
    "aria-describedby": props.describedBy,
    "aria-autocomplete": "list" as const,
    "aria-controls": open ? listId : undefined,
    "aria-activedescendant": open ? optionId(listId, open.active) : undefined,
    onKeyDown,
    onBlur: () => setOpen(null),
    onSelect: (e: { currentTarget: TElement }) => {
      if (open && e.currentTarget.selectionStart !== open.context.to) update(e.currentTarget);
    },
    onChange: (e: { currentTarget: TElement }) => {
      props.onChange(e.currentTarget.value);
      if (!isInserting.current) update(e.currentTarget);
    },
  };
  const font = mode === "expression" ? MONO : "text-sm";
  const rows = Math.min(12, Math.max(mode === "template" ? 3 : 2, value.split("\n").length + 1));

  return (
    <div className="relative">
      {isMultiline ? (
        <textarea
          {...common}
          ref={(el) => {
            ref.current = el;
          }}
          rows={rows}
          className={`${INPUT} ${font} resize-y`}
        />
      ) : (
        <input
          {...common}
          ref={(el) => {
            ref.current = el;
          }}
          type="text"
          role="combobox"
          aria-controls={listId}
          aria-expanded={open !== null}
          className={`${INPUT} ${font}`}
        />
      )}
      {open ? (
        <SuggestionList
          id={listId}
          items={open.items}
          activeIndex={open.active}
          top={open.top}
          onPick={pick}
          isWide={props.isNarrow}
        />
      ) : null}
      <span className="sr-only" aria-live="polite">
        {open ? `${open.items.length} variables. Up and down to choose, Enter to insert, Escape to close.` : ""}
      </span>
    </div>
  );
}
