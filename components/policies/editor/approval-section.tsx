"use client";

import { useId } from "react";
import { LABEL } from "@/components/shell/form-styles";
import { APPROVAL_PER, DEFAULT_APPROVAL_PER, PII_LABELS, PII_TYPES, RISK_CLASSES, type TApprovalPer } from "@/server/policies/policy-editor.shared";
import { useRulesForm } from "./editor-context";
import { CheckboxesField, TextField } from "./fields";
import { RuleSection } from "./rule-section";
import { asRecord, asStrings, parseUsdText, problemAt, withKey } from "./rule-values";

type TProps = { value: unknown; onChange: (next: unknown) => void };

const PER_CHOICES: Record<TApprovalPer, { label: string; explanation: string }> = {
  run: {
    label: "Once per run",
    explanation:
      "Once a person approves, later calls of the same run that this policy version holds for what was approved go ahead without asking again.",
  },
  call: { label: "Before every call", explanation: "Every call this rule holds waits for its own approval, even in a run already approved." },
};

const capitalised = (words: string) => words[0]!.toUpperCase() + words.slice(1);

export function ApprovalSection({ value, onChange }: TProps) {
  const rule = asRecord(value);
  const set = (key: string, next: unknown) => onChange(withKey(rule, key, next));
  return (
    <RuleSection
      ruleKey="approvalWhen"
      title="Approval required when"
      description="Holds a model or tool call for a person's approval in the Inbox when any of these is true; approving continues the step as it was, rejecting fails it."
      isOn={value !== undefined}
      onToggle={(isOn) => onChange(isOn ? {} : undefined)}
    >
      <TextField
        label="Condition (JSONata)"
        hint="Evaluated before each call over the run's trigger and earlier steps' outputs, e.g. trigger.body.amount > 10000 or nodes.score.output.risk > 0.8."
        path="approvalWhen.condition"
        value={typeof rule.condition === "string" ? rule.condition : ""}
        onChange={(v) => set("condition", v === "" ? undefined : v)}
        placeholder="trigger.body.amount > 10000"
        isMono
        isMultiline
      />
      <CheckboxesField
        label="Personal data found"
        hint="Ask for approval when the prompt or request contains personal data of these types."
        path="approvalWhen.piiTypes"
        value={rule.piiTypes === undefined ? undefined : asStrings(rule.piiTypes)}
        choices={PII_TYPES.map((t) => ({ value: t, label: capitalised(PII_LABELS[t].plural) }))}
        onChange={(list) => set("piiTypes", list)}
      />
      <div className="grid gap-4 md:grid-cols-2">
        <TextField
          label="Projected cost over (USD)"
          hint="Ask for approval when a model call is projected to cost more than this amount."
          path="approvalWhen.projectedCostOverUsd"
          value={typeof rule.projectedCostOverUsd === "string" ? rule.projectedCostOverUsd : rule.projectedCostOverUsd === undefined ? "" : String(rule.projectedCostOverUsd)}
          onChange={(v) => set("projectedCostOverUsd", parseUsdText(v))}
          placeholder="1.00"
        />
        <CheckboxesField
          label="Agent risk classes"
          hint="Ask for approval when an agent of one of these risk classes acts."
          path="approvalWhen.agentRiskClasses"
          value={rule.agentRiskClasses === undefined ? undefined : asStrings(rule.agentRiskClasses)}
          choices={RISK_CLASSES.map((r) => ({ value: r, label: r[0]!.toUpperCase() + r.slice(1) }))}
          onChange={(list) => set("agentRiskClasses", list)}
        />
      </div>
      <PerField value={rule.per} onChange={(per) => set("per", per)} />
    </RuleSection>
  );
}

/** approvalWhen.per: one radio each, with its explanation; a document that does not say is shown as the default. */
function PerField({ value, onChange }: { value: unknown; onChange: (per: TApprovalPer) => void }) {
  const id = useId();
  const { problems, isReadOnly } = useRulesForm();
  const problem = problemAt(problems, "approvalWhen.per");
  const chosen = value === undefined ? DEFAULT_APPROVAL_PER : value;
  return (
    <fieldset aria-describedby={problem ? `${id}-problem` : undefined}>
      <legend className={LABEL}>Ask</legend>
      <div className="mt-1 space-y-1.5">
        {APPROVAL_PER.map((per) => (
          <label key={per} className="flex items-start gap-2 text-sm text-slate-700">
            <input
              type="radio"
              name={`${id}-per`}
              value={per}
              disabled={isReadOnly}
              checked={chosen === per}
              onChange={() => onChange(per)}
              aria-describedby={`${id}-${per}`}
              className="mt-0.5 h-4 w-4 border-slate-300 text-brand-600"
            />
            <span>
              {PER_CHOICES[per].label}
              {per === DEFAULT_APPROVAL_PER ? " (the default)" : ""}
              <span id={`${id}-${per}`} className="block text-xs text-slate-500">
                {PER_CHOICES[per].explanation}
              </span>
            </span>
          </label>
        ))}
      </div>
      {problem ? (
        <p id={`${id}-problem`} className="mt-1 text-xs font-medium text-red-700">
          {problem}
        </p>
      ) : null}
    </fieldset>
  );
}
