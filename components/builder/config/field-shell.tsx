"use client";

import type { ReactNode } from "react";
import { AlertCircle } from "lucide-react";
import type { TConfigField } from "@/server/workflows/config-fields.shared";
import { inlineProblemMessage, pathKey, type TPath } from "@/server/workflows/config-values.shared";
import type { TGraphProblem } from "@/server/workflows/graph-problems.shared";
import { useForm } from "./form-context";
import { LABEL } from "./styles";

export type TFieldIds = {
  controlId: string;
  helpId: string;
  errorId: string;
  /** Error first, then help, then whatever the widget adds (its preview). */
  describedBy: string | undefined;
  problems: TGraphProblem[];
  isInvalid: boolean;
  /** The problem path of the field: "cases.0.when", "settings.timeoutMs". */
  fieldKey: string;
  /** Id for the widget's own description (a preview, key help), when it asked for one. */
  extraId: string;
};

/** Ids and problems of a field; `extraSuffix` adds an element of the widget's own to its description. */
export function useFieldIds(field: TConfigField, path: TPath, extraSuffix?: string): TFieldIds {
  const { idPrefix, problemPrefix, problemsByPath } = useForm();
  const fieldKey = [problemPrefix, pathKey(path)].filter(Boolean).join(".");
  const base = `${idPrefix}-${fieldKey.replace(/[^\w-]/g, "_") || "root"}`;
  const problems = problemsByPath[fieldKey] ?? [];
  const ids = {
    controlId: `${base}-control`,
    helpId: `${base}-help`,
    errorId: `${base}-error`,
    extraId: `${base}-${extraSuffix ?? "extra"}`,
  };
  const describedBy = [
    problems.length > 0 ? ids.errorId : "",
    field.help ? ids.helpId : "",
    extraSuffix ? ids.extraId : "",
  ]
    .filter(Boolean)
    .join(" ");
  return { ...ids, describedBy: describedBy || undefined, problems, isInvalid: problems.length > 0, fieldKey };
}

function RequiredMark({ isRequired }: { isRequired: boolean }) {
  // The control carries `required`; the star is for the eye only and sits outside the <label>, so the control's
  // name stays exactly "Prompt" (Playwright's getByLabel reads the label's text).
  return isRequired ? (
    <span aria-hidden="true" className="ml-0.5 text-red-600">
      *
    </span>
  ) : null;
}

function FieldFooter({ field, ids }: { field: TConfigField; ids: TFieldIds }) {
  return (
    <>
      {field.help ? (
        <p id={ids.helpId} className="text-xs leading-snug text-slate-500">
          {field.help}
        </p>
      ) : null}
      {ids.problems.length > 0 ? (
        <ul id={ids.errorId} className="space-y-0.5 text-xs text-red-700">
          {ids.problems.map((problem, i) => (
            <li key={`${problem.code}-${i}`} className="flex gap-1">
              <AlertCircle aria-hidden="true" className="mt-px h-3.5 w-3.5 shrink-0" />
              <span>{inlineProblemMessage(problem)}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

type TShellProps = { field: TConfigField; ids: TFieldIds; children: ReactNode; aside?: ReactNode };

/** A label above one control, then help and problems. */
export function FieldShell({ field, ids, children, aside }: TShellProps) {
  return (
    <div className="space-y-1" data-testid={`config-field-${ids.fieldKey}`}>
      <div className="flex items-end justify-between gap-2">
        <span className="flex items-baseline">
          <label htmlFor={ids.controlId} className={LABEL}>
            {field.label}
          </label>
          <RequiredMark isRequired={field.isRequired} />
        </span>
        {aside}
      </div>
      {children}
      <FieldFooter field={field} ids={ids} />
    </div>
  );
}

/** A fieldset for controls that belong together (radio groups, checkbox groups, rows). */
export function GroupShell({ field, ids, children, aside }: TShellProps) {
  return (
    <fieldset
      className="min-w-0 space-y-1.5"
      aria-describedby={ids.describedBy}
      aria-invalid={ids.isInvalid || undefined}
      data-testid={`config-field-${ids.fieldKey}`}
    >
      {/* The legend stays the fieldset's first child (its accessible name); floats put the aside beside it. */}
      <legend className={`${LABEL} float-left pt-1`}>
        {field.label}
        <RequiredMark isRequired={field.isRequired} />
      </legend>
      {aside ? <div className="float-right">{aside}</div> : null}
      <div className="clear-both space-y-1.5">{children}</div>
      <FieldFooter field={field} ids={ids} />
    </fieldset>
  );
}
