"use client";

import { useId, useState, type ReactNode } from "react";
import { Plus } from "lucide-react";
import { FIELD, LABEL } from "@/components/shell/form-styles";
import { useRulesForm } from "./editor-context";
import { parseList, problemAt } from "./rule-values";

type TFieldProps = {
  label: string;
  /** One sentence: what the field does. */
  hint: string;
  /** The document path its problems are reported at, e.g. "content.maxPromptTokens". */
  path: string;
};

/** The label, the control, the sentence that explains it and, under it, the problem at its path. */
function FieldShell({ id, label, hint, problem, children, className }: { id: string; label: string; hint: string; problem?: string; children: ReactNode; className?: string }) {
  return (
    <div className={className}>
      <label htmlFor={id} className={LABEL}>
        {label}
      </label>
      {children}
      <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
        {hint}
      </p>
      {problem ? (
        <p id={`${id}-problem`} className="mt-1 text-xs font-medium text-red-700">
          {problem}
        </p>
      ) : null}
    </div>
  );
}

function describedBy(id: string, problem: string | undefined) {
  return { "aria-invalid": problem ? true : undefined, "aria-describedby": problem ? `${id}-hint ${id}-problem` : `${id}-hint` };
}

export function TextField({
  label,
  hint,
  path,
  value,
  onChange,
  placeholder,
  isMono = false,
  isMultiline = false,
}: TFieldProps & { value: string; onChange: (text: string) => void; placeholder?: string; isMono?: boolean; isMultiline?: boolean }) {
  const id = useId();
  const { problems, isReadOnly } = useRulesForm();
  const problem = problemAt(problems, path);
  const className = `${FIELD} ${isMono ? "font-mono" : ""}`;
  return (
    <FieldShell id={id} label={label} hint={hint} problem={problem}>
      {isMultiline ? (
        <textarea
          id={id}
          {...describedBy(id, problem)}
          rows={2}
          spellCheck={false}
          readOnly={isReadOnly}
          value={value}
          placeholder={placeholder}
          onChange={(e) => onChange(e.target.value)}
          className={className}
        />
      ) : (
        <input
          id={id}
          {...describedBy(id, problem)}
          spellCheck={false}
          autoComplete="off"
          readOnly={isReadOnly}
          value={value}
          placeholder={placeholder}
          onChange={(e) => onChange(e.target.value)}
          className={className}
        />
      )}
    </FieldShell>
  );
}

/**
 * A list typed as comma-separated values. The text is kept as typed (a trailing comma stays while typing) and follows
 * the document when it changes elsewhere (the JSON view). Empty removes the list. Suggestions not yet in the list
 * can be added with one click.
 */
export function ListField({
  label,
  hint,
  path,
  value,
  onChange,
  placeholder,
  suggestions = [],
}: TFieldProps & { value: string[] | undefined; onChange: (list: string[] | undefined) => void; placeholder?: string; suggestions?: string[] }) {
  const id = useId();
  const { problems, isReadOnly } = useRulesForm();
  const joined = (value ?? []).join(", ");
  const [text, setText] = useState(joined);
  const [shown, setShown] = useState(joined);
  // The document changed elsewhere (JSON view, a saved draft): show it, unless the text already says the same.
  if (shown !== joined) {
    setShown(joined);
    if (parseList(text).join(", ") !== joined) setText(joined);
  }
  const problem = problemAt(problems, path) ?? problems.find((p) => p.path.startsWith(`${path}[`))?.message;
  const change = (next: string) => {
    setText(next);
    const list = parseList(next);
    onChange(list.length > 0 ? list : undefined);
  };
  const missing = suggestions.filter((s) => !(value ?? []).includes(s)).slice(0, 8);
  return (
    <FieldShell id={id} label={label} hint={hint} problem={problem} className="group">
      <input
        id={id}
        {...describedBy(id, problem)}
        spellCheck={false}
        autoComplete="off"
        readOnly={isReadOnly}
        value={text}
        placeholder={placeholder}
        onChange={(e) => change(e.target.value)}
        className={FIELD}
      />
      {!isReadOnly && missing.length > 0 ? (
        // Offered while the field has the focus; a click on one keeps the focus in the field.
        <div className="mt-1 hidden flex-wrap items-center gap-1 group-focus-within:flex">
          {missing.map((s) => (
            <button
              key={s}
              type="button"
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => change([...(value ?? []), s].join(", "))}
              aria-label={`Add ${s} to ${label}`}
              className="inline-flex items-center gap-0.5 rounded border border-slate-200 bg-slate-50 px-1.5 py-0.5 text-[11px] text-slate-600 hover:bg-slate-100"
            >
              <Plus aria-hidden="true" className="h-3 w-3" />
              {s}
            </button>
          ))}
        </div>
      ) : null}
    </FieldShell>
  );
}

export function SelectField<T extends string>({
  label,
  hint,
  path,
  value,
  choices,
  onChange,
}: TFieldProps & { value: T; choices: { value: T; label: string }[]; onChange: (value: T) => void }) {
  const id = useId();
  const { problems, isReadOnly } = useRulesForm();
  const problem = problemAt(problems, path);
  return (
    <FieldShell id={id} label={label} hint={hint} problem={problem}>
      <select id={id} {...describedBy(id, problem)} disabled={isReadOnly} value={value} onChange={(e) => onChange(e.target.value as T)} className={FIELD}>
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

/** Several of a fixed set; none ticked gives undefined (the list is left out of the document), or [] with keepsEmptyList. */
export function CheckboxesField({
  label,
  hint,
  path,
  value,
  choices,
  onChange,
  isScrolling = false,
  keepsEmptyList = false,
}: TFieldProps & {
  value: string[] | undefined;
  choices: { value: string; label: string }[];
  onChange: (list: string[] | undefined) => void;
  isScrolling?: boolean;
  keepsEmptyList?: boolean;
}) {
  const id = useId();
  const { problems, isReadOnly } = useRulesForm();
  const problem = problemAt(problems, path) ?? problems.find((p) => p.path.startsWith(`${path}[`))?.message;
  const chosen = value ?? [];
  const toggle = (v: string, isOn: boolean) => {
    const next = isOn ? [...chosen, v] : chosen.filter((c) => c !== v);
    // In the order of the choices; values the form does not know (typed in the JSON view) are kept at the end.
    const ordered = [...choices.map((c) => c.value).filter((c) => next.includes(c)), ...next.filter((n) => !choices.some((c) => c.value === n))];
    onChange(ordered.length > 0 || keepsEmptyList ? ordered : undefined);
  };
  return (
    <fieldset aria-describedby={problem ? `${id}-hint ${id}-problem` : `${id}-hint`}>
      <legend className={LABEL}>{label}</legend>
      <div className={`mt-1 flex flex-wrap gap-x-4 gap-y-1 ${isScrolling ? "max-h-28 overflow-y-auto rounded-md border border-slate-200 p-2" : ""}`}>
        {choices.length === 0 ? <span className="text-xs text-slate-400">Nothing to choose from.</span> : null}
        {choices.map((c) => (
          <label key={c.value} className="inline-flex items-center gap-1.5 text-sm text-slate-700">
            <input
              type="checkbox"
              disabled={isReadOnly}
              checked={chosen.includes(c.value)}
              onChange={(e) => toggle(c.value, e.target.checked)}
              className="h-4 w-4 rounded border-slate-300 text-brand-600"
            />
            {c.label}
          </label>
        ))}
      </div>
      <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
        {hint}
      </p>
      {problem ? (
        <p id={`${id}-problem`} className="mt-1 text-xs font-medium text-red-700">
          {problem}
        </p>
      ) : null}
    </fieldset>
  );
}
