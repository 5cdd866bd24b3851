"use client";

import { useEffect, useRef } from "react";
import type { TVariableSuggestion } from "@/server/workflows/upstream-variables.shared";

type TProps = {
  id: string;
  items: TVariableSuggestion[];
  activeIndex: number;
  /** Pixels from the top of the input's wrapper. */
  top: number;
  onPick: (item: TVariableSuggestion) => void;
  /** Under a narrow input (a key-value row's value), the list is wider than the input and ends at its right edge. */
  isWide?: boolean;
};

export function optionId(listId: string, index: number): string {
  return `${listId}-option-${index}`;
}

/** The variable suggestions under the caret: a listbox driven from the input (the input keeps the focus). */
export function SuggestionList({ id, items, activeIndex, top, onPick, isWide = false }: TProps) {
  const list = useRef<HTMLUListElement>(null);
  // Opening near the bottom of the panel: bring the whole list into view once.
  useEffect(() => {
    list.current?.scrollIntoView({ block: "nearest" });
  }, []);
  useEffect(() => {
    list.current
      ?.querySelector<HTMLElement>(`#${CSS.escape(optionId(id, activeIndex))}`)
      ?.scrollIntoView({ block: "nearest" });
  }, [id, activeIndex]);
  return (
    <ul
      ref={list}
      id={id}
      role="listbox"
      aria-label="Variables from earlier steps"
      style={{ top }}
      data-testid="variable-suggestions"
      className={`absolute z-30 ${isWide ? "right-0 w-72" : "inset-x-0"} max-h-60 overflow-y-auto rounded-md border border-slate-200 bg-white py-1 text-xs shadow-lg`}
      // Keeps the focus (and the caret) in the input while an option is clicked.
      onMouseDown={(e) => e.preventDefault()}
    >
      {items.map((item, i) => (
        <li
          key={item.path}
          id={optionId(id, i)}
          role="option"
          aria-selected={i === activeIndex}
          onClick={() => onPick(item)}
          className={`cursor-pointer px-2.5 py-1.5 ${i === activeIndex ? "bg-brand-50 text-brand-900" : "text-slate-800 hover:bg-slate-50"}`}
        >
          <span className="block truncate font-mono text-[12px]">{item.path}</span>
          <span className="flex gap-1.5 truncate text-[11px] text-slate-500">
            <span className="truncate">{item.source}</span>
            <span aria-hidden="true">·</span>
            <span className="truncate">{item.detail}</span>
          </span>
        </li>
      ))}
    </ul>
  );
}
