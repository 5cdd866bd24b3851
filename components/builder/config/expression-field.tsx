"use client";

import { FieldShell, useFieldIds } from "./field-shell";
import { PreviewLine } from "./preview-line";
import { useDraft } from "./use-draft";
import { VariableInput } from "./variable-input";
import { asString, type TWidgetProps } from "./widget-types";

const identity = (text: string) => text;
const same = (draft: string, value: string) => draft === value;
const SYNTAX_CODES = new Set(["invalid_expression", "invalid_template"]);

/** A JSONata expression or a `{{ }}` template: variable autocomplete, syntax check and a live preview. */
export function ExpressionField({ field, path, value, onChange }: TWidgetProps<"jsonata" | "template">) {
  const isTemplate = field.widget === "template";
  const [draft, setDraft] = useDraft(asString(value ?? field.defaultValue), identity, same);
  const all = useFieldIds(field, path, "preview");
  // Syntax problems show in the preview line, which is always there: typing through a half-written expression
  // never makes the form jump. Other problems (an unknown node, a node that is not upstream) list under the field.
  const problems = all.problems.filter((p) => !SYNTAX_CODES.has(p.code));
  const describedBy = [problems.length > 0 ? all.errorId : "", field.help ? all.helpId : "", all.extraId]
    .filter(Boolean)
    .join(" ");
  const ids = { ...all, problems, describedBy };
  const hint = (
    <span className="shrink-0 whitespace-nowrap text-[11px] text-slate-400" aria-hidden="true">
      {isTemplate ? "Type {{ for variables" : "Ctrl+Space: variables"}
    </span>
  );
  return (
    <FieldShell field={field} ids={ids} aside={hint}>
      <VariableInput
        id={ids.controlId}
        name={ids.fieldKey}
        value={draft}
        onChange={(text) => {
          setDraft(text);
          onChange(text);
        }}
        mode={isTemplate ? "template" : "expression"}
        isMultiline={field.isMultiline}
        isRequired={field.isRequired}
        isInvalid={ids.isInvalid}
        describedBy={ids.describedBy}
        placeholder={field.placeholder}
        maxLength={field.maxLength}
      />
      <PreviewLine id={ids.extraId} kind={isTemplate ? "template" : "jsonata"} source={draft} />
    </FieldShell>
  );
}
