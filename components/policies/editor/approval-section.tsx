"use client";

import { PII_LABELS, PII_TYPES, RISK_CLASSES } from "@/server/policies/policy-editor.shared";
import { CheckboxesField, TextField } from "./fields";
import { RuleSection } from "./rule-section";
import { asRecord, asStrings, parseUsdText, withKey } from "./rule-values";

type TProps = { value: unknown; onChange: (next: unknown) => void };

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
    </RuleSection>
  );
}
