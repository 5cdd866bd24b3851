"use client";

import { clearedValue } from "@/server/workflows/config-values.shared";
import { FieldShell, useFieldIds } from "./field-shell";
import { useForm } from "./form-context";
import { useDraft } from "./use-draft";
import { INPUT } from "./styles";
import type { TWidgetProps } from "./widget-types";

function format(value: unknown): string {
  return typeof value === "number" && Number.isFinite(value) ? String(value) : "";
}

function parse(text: string): number | null {
  if (text.trim() === "") return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

function rangeText(min: number | undefined, max: number | undefined, isInteger: boolean): string {
  const kind = isInteger ? "A whole number" : "A number";
  if (min !== undefined && max !== undefined)
    return `${kind} from ${min.toLocaleString("en")} to ${max.toLocaleString("en")}.`;
  if (min !== undefined) return `${kind}, at least ${min.toLocaleString("en")}.`;
  if (max !== undefined) return `${kind}, at most ${max.toLocaleString("en")}.`;
  return "";
}

/**
 * A number input that keeps what is typed ("1.", "-") while it is not yet a number; the range is stated under it.
 * Clearing an optional field removes it from the config (or sets null when the schema allows null).
 */
export function NumberField({ field, path, value, onChange }: TWidgetProps<"number">) {
  const { isReadOnly } = useForm();
  // The draft follows the stored value; an empty draft matches an absent value, so clearing the field to type a
  // new number does not bring the default back under the caret.
  const [draft, setDraft] = useDraft(
    value,
    (v) => format(v ?? field.defaultValue),
    (text, v) => (text.trim() === "" ? v === undefined || v === null : parse(text) === v),
  );
  const range = rangeText(field.min, field.max, field.isInteger);
  const help = [field.help, range].filter(Boolean).join(" ");
  const described = { ...field, help: help || undefined };
  const ids = useFieldIds(described, path);
  // "-" and "." on their way to a number are not mistakes yet.
  const isUnreadable = draft.trim() !== "" && parse(draft) === null && !/^[-+]?\.?$/.test(draft.trim());
  const change = (text: string) => {
    setDraft(text);
    const n = parse(text);
    if (n !== null) onChange(n);
    else if (text.trim() === "" && !field.isRequired) onChange(clearedValue(field));
  };
  const placeholder =
    field.placeholder ??
    (field.defaultValue !== undefined ? `Default: ${format(field.defaultValue)}` : field.isRequired ? "" : "Not set");
  return (
    <FieldShell field={described} ids={ids}>
      {/* Text, not type="number": a number input hides what is typed ("-", "1e") from the page while it is not
          yet a number, and changes the value on mouse wheel. */}
      <input
        id={ids.controlId}
        name={ids.fieldKey}
        type="text"
        inputMode={field.isInteger ? "numeric" : "decimal"}
        autoComplete="off"
        value={draft}
        placeholder={placeholder}
        readOnly={isReadOnly}
        required={field.isRequired}
        aria-invalid={ids.isInvalid || isUnreadable || undefined}
        aria-describedby={
          [isUnreadable ? `${ids.controlId}-nan` : "", ids.describedBy ?? ""].filter(Boolean).join(" ") || undefined
        }
        onChange={(e) => change(e.target.value)}
        className={`${INPUT} tabular-nums`}
      />
      {isUnreadable ? (
        <p id={`${ids.controlId}-nan`} className="text-xs text-red-700">
          Enter a number, e.g. {field.isInteger ? "10" : "0.5"}.
        </p>
      ) : null}
    </FieldShell>
  );
}
