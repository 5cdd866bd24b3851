"use client";

import { useState } from "react";
import { Plus, Trash2 } from "lucide-react";
import { GroupShell, useFieldIds } from "./field-shell";
import { useForm } from "./form-context";
import { VariableInput } from "./variable-input";
import { ICON_BUTTON, INPUT, MONO, SMALL_BUTTON } from "./styles";
import type { TWidgetProps } from "./widget-types";

type TRow = { rowId: number; key: string; value: string };

let nextRowId = 1;

function toRows(record: Record<string, unknown>): TRow[] {
  return Object.entries(record).map(([key, value]) => ({
    rowId: nextRowId++,
    key,
    value: typeof value === "string" ? value : JSON.stringify(value),
  }));
}

/** The first row with a name wins; rows without a name are kept on screen but not stored. */
function toRecord(rows: TRow[]): Record<string, string> {
  const record: Record<string, string> = {};
  for (const row of rows) {
    const key = row.key.trim();
    if (key !== "" && !Object.hasOwn(record, key)) record[key] = row.value;
  }
  return record;
}

function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** Name → value rows (HTTP headers, query parameters, tool arguments); values are templates or expressions. */
export function KeyValueField({ field, path, value, onChange }: TWidgetProps<"key-value">) {
  const { isReadOnly, idPrefix } = useForm();
  const ids = useFieldIds(field, path);
  const record = asRecord(value ?? field.defaultValue);
  const [rows, setRows] = useState(() => toRows(record));
  const [seen, setSeen] = useState(value);
  if (!Object.is(seen, value)) {
    setSeen(value);
    if (JSON.stringify(toRecord(rows)) !== JSON.stringify(record)) setRows(toRows(record));
  }
  const noun = field.label.toLowerCase().replace(/s$/, "");
  const update = (next: TRow[]) => {
    setRows(next);
    onChange(toRecord(next));
  };
  const edit = (rowId: number, patch: Partial<TRow>) =>
    update(rows.map((r) => (r.rowId === rowId ? { ...r, ...patch } : r)));
  const seenKeys = new Set<string>();
  const add = isReadOnly ? null : (
    <button
      type="button"
      className={SMALL_BUTTON}
      onClick={() => update([...rows, { rowId: nextRowId++, key: "", value: "" }])}
    >
      <Plus aria-hidden="true" className="h-3.5 w-3.5" />
      Add {noun}
    </button>
  );
  return (
    <GroupShell field={field} ids={ids} aside={add}>
      {rows.length === 0 ? <p className="text-xs text-slate-400">No {field.label.toLowerCase()}.</p> : null}
      {rows.map((row, i) => {
        const key = row.key.trim();
        const isDuplicate = key !== "" && seenKeys.has(key);
        seenKeys.add(key);
        const rowBase = `${idPrefix}-${ids.fieldKey.replace(/[^\w-]/g, "_")}-${row.rowId}`;
        return (
          <div key={row.rowId} className="space-y-0.5">
            <div className="flex items-start gap-1.5">
              <div className="w-[38%] shrink-0">
                <input
                  type="text"
                  value={row.key}
                  name={`${ids.fieldKey}.${i}.name`}
                  aria-label={`${field.label} ${i + 1} name`}
                  placeholder="Name"
                  readOnly={isReadOnly}
                  aria-invalid={isDuplicate || undefined}
                  aria-describedby={isDuplicate ? `${rowBase}-dup` : undefined}
                  onChange={(e) => edit(row.rowId, { key: e.target.value })}
                  className={`${INPUT} ${MONO}`}
                />
              </div>
              <div className="min-w-0 flex-1">
                {field.valueWidget === "text" ? (
                  <input
                    type="text"
                    value={row.value}
                    name={`${ids.fieldKey}.${i}.value`}
                    aria-label={`${field.label} ${i + 1} value`}
                    placeholder="Value"
                    readOnly={isReadOnly}
                    onChange={(e) => edit(row.rowId, { value: e.target.value })}
                    className={INPUT}
                  />
                ) : (
                  <VariableInput
                    id={`${rowBase}-value`}
                    name={`${ids.fieldKey}.${i}.value`}
                    ariaLabel={`${field.label} ${i + 1} value`}
                    value={row.value}
                    onChange={(text) => edit(row.rowId, { value: text })}
                    mode={field.valueWidget === "template" ? "template" : "expression"}
                    isMultiline={false}
                    isNarrow
                    placeholder={field.valueWidget === "template" ? "Value or {{ variable }}" : "Expression"}
                  />
                )}
              </div>
              {isReadOnly ? null : (
                <button
                  type="button"
                  className={`${ICON_BUTTON} mt-0.5`}
                  aria-label={`Remove ${noun} ${row.key.trim() || i + 1}`}
                  onClick={() => update(rows.filter((r) => r.rowId !== row.rowId))}
                >
                  <Trash2 aria-hidden="true" className="h-3.5 w-3.5" />
                </button>
              )}
            </div>
            {isDuplicate ? (
              <p id={`${rowBase}-dup`} className="text-xs text-red-700">
                &ldquo;{key}&rdquo; is already used above; only the first is kept.
              </p>
            ) : null}
          </div>
        );
      })}
    </GroupShell>
  );
}
