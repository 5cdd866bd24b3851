"use client";

import { FieldShell, useFieldIds } from "./field-shell";
import { useForm } from "./form-context";
import { useDraft } from "./use-draft";
import { INPUT, MONO } from "./styles";
import type { TWidgetProps } from "./widget-types";

function parseLines(text: string): string[] {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
}

function format(value: unknown): string {
  return Array.isArray(value) ? value.map(String).join("\n") : "";
}

/** A list of short texts (host names), one per line. */
export function StringListField({ field, path, value, onChange }: TWidgetProps<"string-list">) {
  const { isReadOnly } = useForm();
  const ids = useFieldIds(field, path);
  const [draft, setDraft] = useDraft(
    value ?? field.defaultValue,
    format,
    (text, v) => JSON.stringify(parseLines(text)) === JSON.stringify(v ?? []),
  );
  return (
    <FieldShell field={field} ids={ids}>
      <textarea
        id={ids.controlId}
        name={ids.fieldKey}
        value={draft}
        rows={Math.min(8, Math.max(2, draft.split("\n").length))}
        spellCheck={false}
        autoCapitalize="off"
        placeholder={field.placeholder ?? "One per line"}
        readOnly={isReadOnly}
        aria-invalid={ids.isInvalid || undefined}
        aria-describedby={ids.describedBy}
        onChange={(e) => {
          setDraft(e.target.value);
          onChange(parseLines(e.target.value));
        }}
        className={`${INPUT} ${MONO} resize-y`}
      />
    </FieldShell>
  );
}
