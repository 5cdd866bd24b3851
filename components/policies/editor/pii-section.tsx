"use client";

import { FIELD } from "@/components/shell/form-styles";
import { PII_LABELS, PII_TYPES, type TPiiType } from "@/server/policies/policy-editor.shared";
import { useRulesForm } from "./editor-context";
import { CheckboxesField } from "./fields";
import { RuleSection } from "./rule-section";
import { asRecord, asStrings, problemAt, withKey } from "./rule-values";

type TProps = { value: unknown; onChange: (next: unknown) => void };

const ACTION_CHOICES = [
  { value: "", label: "Not checked" },
  { value: "redact", label: "Redact" },
  { value: "block", label: "Block the call" },
  { value: "log", label: "Log only" },
] as const;

function typeLabel(type: TPiiType): string {
  const words = PII_LABELS[type].plural;
  return words[0]!.toUpperCase() + words.slice(1);
}

// pii.maskAtRest and pii.revealRoles are part of the schema but the engine does not apply them yet, so the form does not
// offer them (the JSON view keeps whatever the document says).
export function PiiSection({ value, onChange }: TProps) {
  const { problems, isReadOnly } = useRulesForm();
  const rule = asRecord(value);
  const actions = asRecord(rule.actions);
  const set = (key: string, next: unknown) => onChange(withKey(rule, key, next));
  return (
    <RuleSection
      ruleKey="pii"
      title="Personal data (PII)"
      description="Finds personal data in what a step sends and gets back, and redacts it, blocks the call or only logs it."
      isOn={value !== undefined}
      onToggle={(isOn) => onChange(isOn ? { actions: { email: "redact", phone: "redact", card: "redact", iban: "redact", us_ssn: "redact" } } : undefined)}
    >
      <div>
        <h4 className="text-sm font-medium text-slate-800">What to do when found</h4>
        <p className="mb-2 text-xs text-slate-500">
          Redact replaces each value with a placeholder such as [EMAIL_1] before it leaves Baton; block stops the call; log
          only records that it was found.
        </p>
        <div className="grid gap-x-6 gap-y-2 sm:grid-cols-2">
          {PII_TYPES.map((type) => {
            const id = `pii-action-${type}`;
            const problem = problemAt(problems, `pii.actions.${type}`);
            return (
              <div key={type} className="flex items-center justify-between gap-3">
                <label htmlFor={id} className="text-sm text-slate-700">
                  {typeLabel(type)}
                </label>
                <select
                  id={id}
                  disabled={isReadOnly}
                  aria-invalid={problem ? true : undefined}
                  title={problem}
                  value={typeof actions[type] === "string" ? (actions[type] as string) : ""}
                  onChange={(e) => set("actions", withKey(actions, type, e.target.value || undefined))}
                  className={`${FIELD} mt-0 w-40`}
                >
                  {ACTION_CHOICES.map((c) => (
                    <option key={c.value} value={c.value}>
                      {c.label}
                    </option>
                  ))}
                </select>
              </div>
            );
          })}
        </div>
        {problemAt(problems, "pii.actions") ? <p className="mt-1 text-xs font-medium text-red-700">{problemAt(problems, "pii.actions")}</p> : null}
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <CheckboxesField
          label="Scan"
          hint="The prompt or request before the call, the completion or response after it; at least one (both by default)."
          path="pii.appliesTo"
          value={rule.appliesTo === undefined ? ["prompt", "completion"] : asStrings(rule.appliesTo)}
          choices={[
            { value: "prompt", label: "Prompts" },
            { value: "completion", label: "Completions" },
          ]}
          onChange={(list) => set("appliesTo", list)}
        />
        <CheckboxesField
          label="Put redacted values back in"
          hint="Inside the run only, never in what is sent to a provider; with none ticked the placeholders stay everywhere."
          path="pii.restoreIn"
          keepsEmptyList
          value={rule.restoreIn === undefined ? ["output", "approval"] : asStrings(rule.restoreIn)}
          choices={[
            { value: "output", label: "The Output node's result" },
            { value: "approval", label: "An approver's view" },
          ]}
          onChange={(list) => set("restoreIn", list)}
        />
      </div>
    </RuleSection>
  );
}
