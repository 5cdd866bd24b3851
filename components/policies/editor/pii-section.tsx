"use client";

import { FIELD } from "@/components/shell/form-styles";
import { PII_LABELS, PII_TYPES, ROLES, type TPiiType } from "@/server/policies/policy-editor.shared";
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

const ROLE_CHOICES = ROLES.map((role) => ({ value: role, label: `${role[0]!.toUpperCase()}${role.slice(1)}s` }));

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
      <MaskAtRest rule={rule} onChange={onChange} />
    </RuleSection>
  );
}

/** pii.maskAtRest and, when it is on, pii.revealRoles. */
function MaskAtRest({ rule, onChange }: { rule: Record<string, unknown>; onChange: (next: unknown) => void }) {
  const { isReadOnly } = useRulesForm();
  const isOn = rule.maskAtRest === true;
  const toggle = (next: boolean) => onChange(next ? withKey(rule, "maskAtRest", true) : withKey(withKey(rule, "maskAtRest", undefined), "revealRoles", undefined));
  return (
    <div>
      <label className="flex items-start gap-2">
        <input
          type="checkbox"
          disabled={isReadOnly}
          checked={isOn}
          onChange={(e) => toggle(e.target.checked)}
          className="mt-0.5 h-4 w-4 rounded border-slate-300 text-brand-600"
        />
        <span>
          <span className="block text-sm font-medium text-slate-800">Mask at rest</span>
          <span className="block text-xs text-slate-500">
            Runs this policy covers store placeholders instead of the values of the types it redacts or blocks: in the input
            their trigger received, in every step&apos;s output and error, and in their result (the Output node and the
            approver&apos;s view keep the placeholders too). Later steps and conditions work on the placeholders. What a run
            stores while this is in force is masked; what was stored before stays as it is. The run&apos;s encrypted vault
            keeps the values, and only the roles below may reveal them on the run page, each reveal recorded in the audit
            trail.
          </span>
        </span>
      </label>
      {isOn ? (
        <div className="mt-3 sm:ml-6">
          <CheckboxesField
            label="Who may reveal the values"
            hint="People with one of these roles in the run's team (organisation admins count as admins). Where several policies mask a run, a person needs a role each of them names."
            path="pii.revealRoles"
            keepsEmptyList
            value={rule.revealRoles === undefined ? ["admin"] : asStrings(rule.revealRoles)}
            choices={ROLE_CHOICES}
            onChange={(list) => onChange(withKey(rule, "revealRoles", list))}
          />
        </div>
      ) : null}
    </div>
  );
}
