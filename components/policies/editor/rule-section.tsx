"use client";

import { useId, type ReactNode } from "react";
import clsx from "clsx";
import { useRulesForm } from "./editor-context";
import { problemsUnder } from "./rule-values";

type TProps = {
  /** The document key of the rule, e.g. "content". */
  ruleKey: string;
  title: string;
  /** One sentence: what the rule does when it is on. */
  description: string;
  isOn: boolean;
  /** Turning it on adds the rule with its starting value; off removes it from the document. */
  onToggle: (isOn: boolean) => void;
  children: ReactNode;
};

/** One rule of the document: a switch that puts it in or takes it out, and its fields while it is in. */
export function RuleSection({ ruleKey, title, description, isOn, onToggle, children }: TProps) {
  const id = useId();
  const { problems, isReadOnly } = useRulesForm();
  const count = problemsUnder(problems, ruleKey).length;
  return (
    <section aria-labelledby={`${id}-title`} className={clsx("rounded-lg border bg-white shadow-sm", count > 0 ? "border-red-300" : "border-slate-200")}>
      <header className="flex items-start gap-3 px-4 py-3">
        <div className="min-w-0 flex-1">
          <h3 id={`${id}-title`} className="text-sm font-semibold text-slate-900">
            {title}
            {count > 0 ? <span className="ml-2 text-xs font-medium text-red-700">{count === 1 ? "1 problem" : `${count} problems`}</span> : null}
          </h3>
          <p className="mt-0.5 text-sm text-slate-500">{description}</p>
        </div>
        <label className="flex shrink-0 cursor-pointer items-center gap-2 text-sm text-slate-700">
          {/* The checkbox lies over the drawn track (transparent), so a click or a tap on the switch reaches it. */}
          <span className="relative inline-flex h-5 w-9 shrink-0">
            <input
              type="checkbox"
              role="switch"
              checked={isOn}
              disabled={isReadOnly}
              onChange={(e) => onToggle(e.target.checked)}
              aria-label={`Use the ${title.toLowerCase()} rule`}
              className="peer absolute inset-0 z-10 m-0 h-full w-full cursor-pointer opacity-0 disabled:cursor-not-allowed"
            />
            <span
              aria-hidden="true"
              className="pointer-events-none relative inline-flex h-5 w-9 rounded-full bg-slate-300 transition-colors after:absolute after:left-0.5 after:top-0.5 after:h-4 after:w-4 after:rounded-full after:bg-white after:shadow-sm after:transition-transform peer-checked:bg-brand-600 peer-checked:after:translate-x-4 peer-focus-visible:ring-2 peer-focus-visible:ring-brand-500 peer-focus-visible:ring-offset-2 peer-disabled:opacity-60"
            />
          </span>
          <span className="w-6">{isOn ? "On" : "Off"}</span>
        </label>
      </header>
      {isOn ? <div className="space-y-4 border-t border-slate-100 px-4 py-4">{children}</div> : null}
    </section>
  );
}
