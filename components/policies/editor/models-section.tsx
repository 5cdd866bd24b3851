"use client";

import { useState } from "react";
import { Plus, Trash2 } from "lucide-react";
import { BUTTON, FIELD } from "@/components/shell/form-styles";
import { DATA_CLASSIFICATIONS, type TDataClassification } from "@/server/policies/policy-editor.shared";
import { useRulesForm } from "./editor-context";
import { ListField } from "./fields";
import { RuleSection } from "./rule-section";
import { asRecord, asStrings, withKey, type TRecord } from "./rule-values";

type TProps = { value: unknown; onChange: (next: unknown) => void };

const CLASS_LABELS: Record<TDataClassification, string> = {
  public: "Public",
  internal: "Internal",
  confidential: "Confidential",
  restricted: "Restricted",
};

/** models, providers and regions of one match (allow, deny, or a classification's). */
function MatchFields({ path, value, onChange, verb }: { path: string; value: unknown; onChange: (next: TRecord) => void; verb: "allow" | "deny" | "class" }) {
  const { options } = useRulesForm();
  const match = asRecord(value);
  const set = (key: string, list: string[] | undefined) => onChange(withKey(match, key, list));
  const hint = (noun: string) =>
    verb === "allow"
      ? `When given, only ${noun} on this list may run; empty leaves ${noun} unrestricted.`
      : verb === "deny"
        ? `${noun[0]!.toUpperCase()}${noun.slice(1)} on this list never run.`
        : `When given, such workflows may use only ${noun} on this list.`;
  return (
    <div className="grid gap-4 md:grid-cols-3">
      <ListField label="Models" hint={hint("models")} path={`${path}.models`} value={asStrings(match.models)} onChange={(l) => set("models", l)} placeholder="gpt-4o-mini, sandbox-fast" suggestions={options.models} />
      <ListField label="Providers" hint={hint("providers")} path={`${path}.providers`} value={asStrings(match.providers)} onChange={(l) => set("providers", l)} placeholder="OpenAI" suggestions={options.providers} />
      <ListField label="Regions" hint={hint("regions")} path={`${path}.regions`} value={asStrings(match.regions)} onChange={(l) => set("regions", l)} placeholder="eu" suggestions={options.regions} />
    </div>
  );
}

function cleaned(match: TRecord): TRecord | undefined {
  return Object.keys(match).length > 0 ? match : undefined;
}

export function ModelsSection({ value, onChange }: TProps) {
  const { isReadOnly } = useRulesForm();
  const rule = asRecord(value);
  const classes = asRecord(rule.classifications);
  const [adding, setAdding] = useState<TDataClassification>("confidential");
  const set = (key: string, next: unknown) => onChange(withKey(rule, key, next));
  const setClass = (c: TDataClassification, next: TRecord | undefined) => {
    const all = withKey(classes, c, next);
    set("classifications", Object.keys(all).length > 0 ? all : undefined);
  };
  const unused = DATA_CLASSIFICATIONS.filter((c) => !(c in classes));
  return (
    <RuleSection
      ruleKey="models"
      title="Models"
      description="Which models a model call may use: checked before every call and when a workflow is published."
      isOn={value !== undefined}
      onToggle={(isOn) => onChange(isOn ? {} : undefined)}
    >
      <div>
        <h4 className="mb-2 text-sm font-medium text-slate-800">Allow</h4>
        <MatchFields path="models.allow" verb="allow" value={rule.allow} onChange={(m) => set("allow", cleaned(m))} />
      </div>
      <div>
        <h4 className="mb-2 text-sm font-medium text-slate-800">Deny</h4>
        <MatchFields path="models.deny" verb="deny" value={rule.deny} onChange={(m) => set("deny", cleaned(m))} />
      </div>
      <div>
        <h4 className="text-sm font-medium text-slate-800">By data classification</h4>
        <p className="mb-2 text-xs text-slate-500">Workflows of a classification (set in the builder) may use only the models that match its lists.</p>
        <div className="space-y-3">
          {DATA_CLASSIFICATIONS.filter((c) => c in classes).map((c) => (
            <div key={c} className="rounded-md border border-slate-200 p-3">
              <div className="mb-2 flex items-center justify-between">
                <span className="text-sm font-medium text-slate-700">{CLASS_LABELS[c]} workflows</span>
                {isReadOnly ? null : (
                  <button type="button" className={BUTTON.small} onClick={() => setClass(c, undefined)} aria-label={`Remove the ${c} rule`}>
                    <Trash2 aria-hidden="true" className="h-3.5 w-3.5" /> Remove
                  </button>
                )}
              </div>
              <MatchFields path={`models.classifications.${c}`} verb="class" value={classes[c]} onChange={(m) => setClass(c, m)} />
            </div>
          ))}
          {isReadOnly || unused.length === 0 ? null : (
            <div className="flex items-center gap-2">
              <label className="sr-only" htmlFor="models-add-class">
                Classification
              </label>
              <select id="models-add-class" value={unused.includes(adding) ? adding : unused[0]} onChange={(e) => setAdding(e.target.value as TDataClassification)} className={`${FIELD} mt-0 w-48`}>
                {unused.map((c) => (
                  <option key={c} value={c}>
                    {CLASS_LABELS[c]}
                  </option>
                ))}
              </select>
              <button type="button" className={BUTTON.secondary} onClick={() => setClass(unused.includes(adding) ? adding : unused[0]!, {})}>
                <Plus aria-hidden="true" className="h-4 w-4" /> Add classification rule
              </button>
            </div>
          )}
        </div>
      </div>
    </RuleSection>
  );
}
