"use client";

import { useRef } from "react";
import { handleCodeKey } from "./code-keys";
import { FieldShell, useFieldIds } from "./field-shell";
import { useForm } from "./form-context";
import { useDraft } from "./use-draft";
import { MONO } from "./styles";
import { asString, type TWidgetProps } from "./widget-types";

const identity = (text: string) => text;
const same = (draft: string, value: string) => draft === value;

/**
 * JavaScript in a monospace editor with line numbers: Tab indents, Enter keeps the indentation, Escape then Tab
 * leaves. Lines do not wrap, so the numbers stay beside their lines.
 */
export function CodeField({ field, path, value, onChange }: TWidgetProps<"code">) {
  const { isReadOnly } = useForm();
  const keys = useRef({ isEscaped: false });
  const gutter = useRef<HTMLDivElement>(null);
  const [draft, setDraft] = useDraft(asString(value ?? field.defaultValue), identity, same);
  const ids = useFieldIds(field, path, "keys");
  const lineCount = draft.split("\n").length;
  const rows = Math.min(24, Math.max(8, lineCount + 1));
  return (
    <FieldShell field={field} ids={ids}>
      <div
        className={`flex overflow-hidden rounded-md border bg-white shadow-sm focus-within:ring-2 ${
          ids.isInvalid
            ? "border-red-400 focus-within:ring-red-100"
            : "border-slate-300 focus-within:border-brand-500 focus-within:ring-brand-100"
        }`}
      >
        <div
          ref={gutter}
          aria-hidden="true"
          className={`${MONO} shrink-0 select-none overflow-hidden border-r border-slate-200 bg-slate-50 px-2 py-1.5 text-right text-slate-400`}
        >
          {Array.from({ length: lineCount }, (_, i) => (
            <div key={i}>{i + 1}</div>
          ))}
        </div>
        <textarea
          id={ids.controlId}
          name={ids.fieldKey}
          value={draft}
          rows={rows}
          wrap="off"
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          readOnly={isReadOnly}
          required={field.isRequired}
          aria-invalid={ids.isInvalid || undefined}
          aria-describedby={ids.describedBy}
          onKeyDown={(e) => handleCodeKey(e, keys.current)}
          onScroll={(e) => {
            if (gutter.current) gutter.current.scrollTop = e.currentTarget.scrollTop;
          }}
          onChange={(e) => {
            setDraft(e.target.value);
            onChange(e.target.value);
          }}
          className={`${MONO} min-w-0 flex-1 resize-y bg-transparent px-2 py-1.5 text-slate-900 outline-none read-only:bg-slate-50`}
        />
      </div>
      <p id={ids.extraId} className="text-[11px] text-slate-400">
        Tab indents · Esc then Tab leaves the editor
      </p>
    </FieldShell>
  );
}
