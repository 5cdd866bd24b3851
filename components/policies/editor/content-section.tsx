"use client";

import { Plus, Trash2 } from "lucide-react";
import { BUTTON } from "@/components/shell/form-styles";
import { ALLOWED_PATTERN_FLAGS, MAX_PATTERN_LENGTH } from "@/server/policies/policy-editor.shared";
import { useRulesForm } from "./editor-context";
import { ListField, SelectField, TextField } from "./fields";
import { RuleSection } from "./rule-section";
import { asList, asRecord, asStrings, parseUsdText, parseWholeNumber, withEntry, withKey } from "./rule-values";

type TProps = { value: unknown; onChange: (next: unknown) => void };

const text = (v: unknown) => (v === undefined || v === null ? "" : String(v));

export function ContentSection({ value, onChange }: TProps) {
  const { isReadOnly } = useRulesForm();
  const rule = asRecord(value);
  const patterns = asList(rule.patterns);
  const set = (key: string, next: unknown) => onChange(withKey(rule, key, next));
  const setPattern = (i: number, next: unknown) => {
    const list = withEntry(patterns, i, next);
    set("patterns", list.length > 0 ? list : undefined);
  };
  return (
    <RuleSection
      ruleKey="content"
      title="Content"
      description="Blocked terms and patterns in prompts and completions, and limits on tokens and cost per call."
      isOn={value !== undefined}
      onToggle={(isOn) => onChange(isOn ? { action: "block" } : undefined)}
    >
      <ListField
        label="Blocked terms"
        hint="A prompt or completion that contains one of these words or phrases (any case) triggers the action below."
        path="content.blockedTerms"
        value={asStrings(rule.blockedTerms)}
        onChange={(list) => set("blockedTerms", list)}
        placeholder="internal only, project falcon"
      />
      <div>
        <h4 className="text-sm font-medium text-slate-800">Blocked patterns</h4>
        <p className="mb-2 text-xs text-slate-500">
          Regular expressions (at most {MAX_PATTERN_LENGTH} characters; flags {ALLOWED_PATTERN_FLAGS.join(", ")}); patterns that can
          take exponential time, such as a repeated group with a repetition inside, are refused.
        </p>
        <div className="space-y-3">
          {patterns.map((raw, i) => {
            const p = asRecord(raw);
            const update = (key: string, v: unknown) => setPattern(i, withKey(p, key, v));
            return (
              <div key={i} className="grid items-start gap-3 rounded-md border border-slate-200 p-3 md:grid-cols-[minmax(0,2fr)_6rem_minmax(0,1fr)_auto]">
                <TextField
                  label={`Pattern ${i + 1}`}
                  hint="The regular expression, without slashes."
                  path={`content.patterns[${i}].pattern`}
                  value={text(p.pattern)}
                  onChange={(v) => update("pattern", v)}
                  placeholder={"\\bACC-\\d{8}\\b"}
                  isMono
                />
                <TextField label="Flags" hint="i: any case." path={`content.patterns[${i}].flags`} value={text(p.flags)} onChange={(v) => update("flags", v || undefined)} isMono />
                <TextField
                  label="Label"
                  hint="How reasons name it."
                  path={`content.patterns[${i}].label`}
                  value={text(p.label)}
                  onChange={(v) => update("label", v === "" ? undefined : v)}
                  placeholder="Account number"
                />
                {isReadOnly ? null : (
                  <button type="button" className={`${BUTTON.small} mt-6`} onClick={() => setPattern(i, undefined)} aria-label={`Remove pattern ${i + 1}`}>
                    <Trash2 aria-hidden="true" className="h-3.5 w-3.5" />
                  </button>
                )}
              </div>
            );
          })}
          {isReadOnly ? null : (
            <button type="button" className={BUTTON.secondary} onClick={() => set("patterns", [...patterns, { pattern: "" }])}>
              <Plus aria-hidden="true" className="h-4 w-4" /> Add pattern
            </button>
          )}
        </div>
      </div>
      <div className="grid gap-4 md:grid-cols-3">
        <TextField
          label="Max prompt tokens"
          hint="A prompt longer than this, counted with the model's tokenizer, triggers the action."
          path="content.maxPromptTokens"
          value={text(rule.maxPromptTokens)}
          onChange={(v) => set("maxPromptTokens", parseWholeNumber(v))}
          placeholder="No limit"
        />
        <TextField
          label="Max completion tokens"
          hint="A call that may produce (before) or produced (after) more completion tokens triggers the action."
          path="content.maxCompletionTokens"
          value={text(rule.maxCompletionTokens)}
          onChange={(v) => set("maxCompletionTokens", parseWholeNumber(v))}
          placeholder="No limit"
        />
        <TextField
          label="Max cost per call (USD)"
          hint="A call projected or found to cost more than this amount triggers the action."
          path="content.maxCostPerCallUsd"
          value={text(rule.maxCostPerCallUsd)}
          onChange={(v) => set("maxCostPerCallUsd", parseUsdText(v))}
          placeholder="0.50"
        />
      </div>
      <SelectField
        label="Action"
        hint="What happens when a term, a pattern or a limit is hit: the call is refused, or it waits for a person's approval in the Inbox."
        path="content.action"
        value={rule.action === "require_approval" ? "require_approval" : "block"}
        choices={[
          { value: "block", label: "Block the call" },
          { value: "require_approval", label: "Require approval" },
        ]}
        onChange={(v) => set("action", v)}
      />
    </RuleSection>
  );
}
