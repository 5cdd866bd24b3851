"use client";

import { useState } from "react";
import clsx from "clsx";
import { ArrowRight } from "lucide-react";
import { describeChange } from "./format-diff";

type TProps = { path: string; before: unknown; after: unknown };

function Value({ text, side, isAbsent }: { text: string; side: "before" | "after"; isAbsent: boolean }) {
  return (
    <span
      className={clsx(
        "inline-block max-w-full rounded px-1.5 py-0.5 font-mono text-xs break-words whitespace-pre-wrap [overflow-wrap:anywhere]",
        side === "before" ? "bg-red-50 text-red-900" : "bg-emerald-50 text-emerald-900",
        isAbsent && "italic opacity-80",
      )}
    >
      <span className="sr-only">{side === "before" ? "Before: " : "After: "}</span>
      {text}
    </span>
  );
}

/** One changed field: its path, then before → after, long texts cut to what changed with a button to see them whole. */
export function DiffChange({ path, before, after }: TProps) {
  const [isExpanded, setIsExpanded] = useState(false);
  const change = describeChange(before, after);
  return (
    <div className="min-w-0">
      <dt className="font-mono text-xs font-semibold text-slate-700">{path}</dt>
      <dd className="mt-0.5">
        <span className="flex flex-wrap items-start gap-1.5">
          <Value text={isExpanded ? change.beforeFull : change.before} side="before" isAbsent={before === undefined || before === null} />
          <ArrowRight aria-hidden="true" className="mt-1 h-3.5 w-3.5 shrink-0 text-slate-400" />
          <Value text={isExpanded ? change.afterFull : change.after} side="after" isAbsent={after === undefined || after === null} />
        </span>
        {change.isShortened ? (
          <button
            type="button"
            aria-expanded={isExpanded}
            onClick={() => setIsExpanded((v) => !v)}
            className="mt-1 rounded text-xs font-medium text-brand-700 underline underline-offset-2 hover:text-brand-900"
          >
            {isExpanded ? "Show only what changed" : "Show the full values"}
          </button>
        ) : null}
      </dd>
    </div>
  );
}
