"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";
import { ArrowDown, ArrowUp, Plus, Trash2 } from "lucide-react";
import type { TConfigField } from "@/server/workflows/config-fields.shared";
import { createListItem, getIn, type TPath } from "@/server/workflows/config-values.shared";
import { GroupShell, useFieldIds } from "./field-shell";
import { useForm } from "./form-context";
import { ICON_BUTTON, SMALL_BUTTON } from "./styles";
import type { TWidgetProps } from "./widget-types";

export type TRenderFields = (fields: TConfigField[], base: TPath) => ReactNode;

let nextKey = 1;

/** Stable React keys for rows that have no id of their own, kept in step with additions, removals and moves. */
function useRowKeys(count: number) {
  const [keys, setKeys] = useState(() => Array.from({ length: count }, () => nextKey++));
  if (keys.length !== count) {
    // The list changed elsewhere (undo): keep the keys of the rows that are still there.
    setKeys(
      keys.length > count
        ? keys.slice(0, count)
        : [...keys, ...Array.from({ length: count - keys.length }, () => nextKey++)],
    );
  }
  return [keys, setKeys] as const;
}

/** "billing" (its label or id), or "Case 2" while it has neither. */
function rowTitle(item: unknown, noun: string, index: number): string {
  const name = getIn(item, ["label"]) ?? getIn(item, ["id"]);
  return typeof name === "string" && name.trim() !== ""
    ? name.trim()
    : `${noun.charAt(0).toUpperCase()}${noun.slice(1)} ${index + 1}`;
}

/** Rows of small forms (switch cases, classifier labels): add, remove and reorder with buttons. */
export function ListField({
  field,
  path,
  value,
  onChange,
  renderFields,
}: TWidgetProps<"list"> & { renderFields: TRenderFields }) {
  const { isReadOnly, idPrefix } = useForm();
  const ids = useFieldIds(field, path);
  const items = Array.isArray(value) ? (value as unknown[]) : [];
  const [keys, setKeys] = useRowKeys(items.length);
  const focusAfter = useRef<string | null>(null);
  const rowId = (key: number) => `${idPrefix}-${ids.fieldKey}-row-${key}`;

  useEffect(() => {
    if (!focusAfter.current) return;
    const target = document.getElementById(focusAfter.current);
    // A new row: its first control, its generated text selected so typing replaces it.
    const control = target?.tagName === "LI" ? target.querySelector<HTMLElement>("input, textarea, select") : target;
    control?.focus();
    if (control instanceof HTMLInputElement) control.select();
    focusAfter.current = null;
  });

  const canAdd = field.maxItems === undefined || items.length < field.maxItems;
  const canRemove = field.minItems === undefined || items.length > field.minItems;
  const move = (from: number, to: number) => {
    const nextItems = [...items];
    const nextKeys = [...keys];
    [nextItems[from], nextItems[to]] = [nextItems[to], nextItems[from]];
    [nextKeys[from], nextKeys[to]] = [nextKeys[to] ?? 0, nextKeys[from] ?? 0];
    setKeys(nextKeys);
    // Moving a row re-inserts its DOM node, which drops the focus: put it back on the same button, or its twin.
    const direction = to < from ? (to > 0 ? "up" : "down") : to < items.length - 1 ? "down" : "up";
    focusAfter.current = `${rowId(keys[from] ?? 0)}-${direction}`;
    onChange(nextItems);
  };
  const remove = (index: number) => {
    setKeys(keys.filter((_, i) => i !== index));
    onChange(items.filter((_, i) => i !== index));
  };
  const add = () => {
    const key = nextKey++;
    setKeys([...keys, key]);
    focusAfter.current = rowId(key);
    onChange([...items, createListItem(field, items)]);
  };
  const noun = field.itemNoun;
  const addButton =
    isReadOnly || !canAdd ? null : (
      <button type="button" className={SMALL_BUTTON} onClick={add}>
        <Plus aria-hidden="true" className="h-3.5 w-3.5" />
        Add {noun}
      </button>
    );

  return (
    <GroupShell field={field} ids={ids} aside={addButton}>
      {items.length === 0 ? <p className="text-xs text-slate-400">No {noun}s yet.</p> : null}
      <ol className="space-y-2">
        {items.map((item, i) => {
          const key = keys[i] ?? i;
          const title = `${noun.charAt(0).toUpperCase()}${noun.slice(1)} ${i + 1}: ${rowTitle(item, noun, i)}`;
          return (
            <li
              key={key}
              id={rowId(key)}
              className="rounded-md border border-slate-200 bg-slate-50/60 p-2.5"
              aria-label={title}
            >
              <div className="mb-2 flex items-center gap-1">
                <span className="min-w-0 flex-1 truncate text-xs font-semibold text-slate-700">
                  <span className="font-normal text-slate-400">{i + 1}.</span> {rowTitle(item, noun, i)}
                </span>
                {isReadOnly ? null : (
                  <>
                    <button
                      type="button"
                      id={`${rowId(key)}-up`}
                      className={ICON_BUTTON}
                      disabled={i === 0}
                      aria-label={`Move ${noun} ${i + 1} up`}
                      onClick={() => move(i, i - 1)}
                    >
                      <ArrowUp aria-hidden="true" className="h-3.5 w-3.5" />
                    </button>
                    <button
                      type="button"
                      id={`${rowId(key)}-down`}
                      className={ICON_BUTTON}
                      disabled={i === items.length - 1}
                      aria-label={`Move ${noun} ${i + 1} down`}
                      onClick={() => move(i, i + 1)}
                    >
                      <ArrowDown aria-hidden="true" className="h-3.5 w-3.5" />
                    </button>
                    <button
                      type="button"
                      className={ICON_BUTTON}
                      disabled={!canRemove}
                      aria-label={`Remove ${noun} ${i + 1}`}
                      onClick={() => remove(i)}
                    >
                      <Trash2 aria-hidden="true" className="h-3.5 w-3.5" />
                    </button>
                  </>
                )}
              </div>
              <div className="space-y-3">{renderFields(field.itemFields, [...path, i])}</div>
            </li>
          );
        })}
      </ol>
    </GroupShell>
  );
}
