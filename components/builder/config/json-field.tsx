"use client";

import { parseJsonText, type TJsonText } from "@/components/parse-json-text";
import { clearedValue } from "@/server/workflows/config-values.shared";
import { handleEnterIndent } from "./code-keys";
import { FieldShell, useFieldIds } from "./field-shell";
import { useForm } from "./form-context";
import { useDraft } from "./use-draft";
import { INPUT, MONO, SMALL_BUTTON } from "./styles";
import type { TWidgetProps } from "./widget-types";

function format(value: unknown): string {
  return value === undefined || value === null ? "" : (JSON.stringify(value, null, 2) ?? "");
}

function matches(draft: string, value: unknown): boolean {
  if (draft.trim() === "") return value === undefined || value === null;
  const parsed = parseJsonText(draft);
  return parsed.isValid && JSON.stringify(parsed.value) === JSON.stringify(value);
}

/**
 * JSON in a monospace editor. The text is kept while it does not parse (the error is shown under it); the config
 * only ever receives parsed values. Empty means "not set" for optional fields.
 */
export function JsonField({ field, path, value, onChange }: TWidgetProps<"json">) {
  const { isReadOnly } = useForm();
  const [draft, setDraft] = useDraft(value ?? field.defaultValue, format, matches);
  const ids = useFieldIds(field, path);
  const localErrorId = `${ids.controlId}-json`;
  const parsed: TJsonText | null = draft.trim() === "" ? null : parseJsonText(draft);
  const localError =
    parsed && !parsed.isValid
      ? parsed.message
      : !parsed && field.isRequired
        ? "Enter a JSON value."
        : null;
  const change = (text: string) => {
    setDraft(text);
    if (text.trim() === "") {
      if (!field.isRequired) onChange(clearedValue(field));
      return;
    }
    const next = parseJsonText(text);
    if (next.isValid) onChange(next.value);
  };
  const lines = Math.min(16, Math.max(3, draft.split("\n").length));
  const formatButton =
    !isReadOnly && parsed?.isValid ? (
      <button type="button" className={SMALL_BUTTON} onClick={() => setDraft(format(parsed.value))}>
        Format<span className="sr-only"> {field.label}</span>
      </button>
    ) : null;
  return (
    <FieldShell field={field} ids={ids} aside={formatButton}>
      <textarea
        id={ids.controlId}
        name={ids.fieldKey}
        value={draft}
        rows={lines}
        spellCheck={false}
        autoCapitalize="off"
        autoComplete="off"
        readOnly={isReadOnly}
        required={field.isRequired}
        placeholder={field.placeholder ?? (field.isRequired ? "{ }" : "Not set")}
        aria-invalid={ids.isInvalid || localError !== null || undefined}
        aria-describedby={
          [localError ? localErrorId : "", ids.describedBy ?? ""].filter(Boolean).join(" ") || undefined
        }
        onKeyDown={handleEnterIndent}
        onChange={(e) => change(e.target.value)}
        className={`${INPUT} ${MONO} resize-y whitespace-pre`}
      />
      <p id={localErrorId} className="min-h-4 text-xs text-red-700" aria-live="polite">
        {localError}
      </p>
    </FieldShell>
  );
}
