"use client";

import { useDraft } from "./use-draft";
import { FieldShell, GroupShell, useFieldIds } from "./field-shell";
import { useForm } from "./form-context";
import { CHECKBOX, INPUT, SELECT } from "./styles";
import { asString, type TWidgetProps } from "./widget-types";
import { clearedValue, inlineProblemMessage } from "@/server/workflows/config-values.shared";

const same = (draft: string, value: string) => draft === value;
const identity = (value: string) => value;

/** Plain text, one line or several. */
export function TextField({ field, path, value, onChange }: TWidgetProps<"text" | "textarea">) {
  const { isReadOnly } = useForm();
  const ids = useFieldIds(field, path);
  const [draft, setDraft] = useDraft(asString(value ?? field.defaultValue), identity, same);
  const common = {
    id: ids.controlId,
    name: ids.fieldKey,
    value: draft,
    placeholder: field.placeholder,
    readOnly: isReadOnly,
    required: field.isRequired,
    maxLength: field.maxLength,
    "aria-invalid": ids.isInvalid || undefined,
    "aria-describedby": ids.describedBy,
    className: INPUT,
  };
  const change = (text: string) => {
    setDraft(text);
    onChange(text === "" && !field.isRequired && field.isNullable ? clearedValue(field) : text);
  };
  return (
    <FieldShell field={field} ids={ids}>
      {field.isMultiline ? (
        <textarea {...common} rows={3} onChange={(e) => change(e.target.value)} className={`${INPUT} resize-y`} />
      ) : (
        <input {...common} type="text" onChange={(e) => change(e.target.value)} />
      )}
    </FieldShell>
  );
}

/** A native select; optional fields get an empty choice. */
export function SelectField({ field, path, value, onChange }: TWidgetProps<"select">) {
  const { isReadOnly } = useForm();
  const ids = useFieldIds(field, path);
  const current = asString(value ?? field.defaultValue);
  const hasEmpty = !field.isRequired && field.defaultValue === undefined;
  const isKnown = field.options.some((o) => o.value === current);
  return (
    <FieldShell field={field} ids={ids}>
      <select
        id={ids.controlId}
        name={ids.fieldKey}
        value={current}
        disabled={isReadOnly}
        required={field.isRequired}
        aria-invalid={ids.isInvalid || undefined}
        aria-describedby={ids.describedBy}
        onChange={(e) => onChange(e.target.value === "" ? clearedValue(field) : e.target.value)}
        className={SELECT}
      >
        {hasEmpty || current === "" ? <option value="">{hasEmpty ? "Automatic" : "Choose…"}</option> : null}
        {!isKnown && current !== "" ? <option value={current}>{current} (unknown)</option> : null}
        {field.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

/** An on/off switch: a checkbox with the switch role, its label beside it. */
export function ToggleField({ field, path, value, onChange }: TWidgetProps<"toggle">) {
  const { isReadOnly } = useForm();
  const ids = useFieldIds(field, path);
  const isOn = (value ?? field.defaultValue) === true;
  return (
    <div className="space-y-1" data-testid={`config-field-${ids.fieldKey}`}>
      <div className="flex items-center gap-2">
        <input
          id={ids.controlId}
          name={ids.fieldKey}
          type="checkbox"
          role="switch"
          checked={isOn}
          disabled={isReadOnly}
          aria-invalid={ids.isInvalid || undefined}
          aria-describedby={ids.describedBy}
          onChange={(e) => onChange(e.target.checked)}
          className={CHECKBOX}
        />
        <label htmlFor={ids.controlId} className="text-sm text-slate-800">
          {field.label}
        </label>
      </div>
      {field.help ? (
        <p id={ids.helpId} className="pl-6 text-xs leading-snug text-slate-500">
          {field.help}
        </p>
      ) : null}
      {ids.problems.length > 0 ? (
        <p id={ids.errorId} className="pl-6 text-xs text-red-700">
          {ids.problems.map(inlineProblemMessage).join(" ")}
        </p>
      ) : null}
    </div>
  );
}

/** Checkboxes for a list of choices (entity types, PII kinds), with all / none shortcuts. */
export function MultiSelectField({ field, path, value, onChange }: TWidgetProps<"multi-select">) {
  const { isReadOnly } = useForm();
  const ids = useFieldIds(field, path);
  const current = Array.isArray(value ?? field.defaultValue) ? ((value ?? field.defaultValue) as unknown[]) : [];
  const selected = new Set(current.map(String));
  // Kept in the options' order, so the stored list does not depend on the clicking order.
  const toggle = (option: string, isOn: boolean) =>
    onChange(field.options.map((o) => o.value).filter((v) => (v === option ? isOn : selected.has(v))));
  const aside = isReadOnly ? null : (
    <span className="flex gap-2 text-xs">
      <button
        type="button"
        className="text-brand-700 hover:underline"
        onClick={() => onChange(field.options.map((o) => o.value))}
      >
        All<span className="sr-only"> {field.label}</span>
      </button>
      <button type="button" className="text-brand-700 hover:underline" onClick={() => onChange([])}>
        None<span className="sr-only"> of {field.label}</span>
      </button>
    </span>
  );
  return (
    <GroupShell field={field} ids={ids} aside={aside}>
      <div className="grid grid-cols-2 gap-x-3 gap-y-1">
        {field.options.map((option) => (
          <label key={option.value} className="flex items-center gap-2 text-sm text-slate-800">
            <input
              type="checkbox"
              name={`${ids.fieldKey}.${option.value}`}
              checked={selected.has(option.value)}
              disabled={isReadOnly}
              onChange={(e) => toggle(option.value, e.target.checked)}
              className={CHECKBOX}
            />
            {option.label}
          </label>
        ))}
      </div>
    </GroupShell>
  );
}
