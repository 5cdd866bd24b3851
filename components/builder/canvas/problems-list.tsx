"use client";

import { useState } from "react";
import { AlertTriangle, CheckCircle2, ChevronDown } from "lucide-react";
import type { TGraphProblem } from "@/server/workflows/graph-problems.shared";

type TProps = { problems: TGraphProblem[]; onOpenNode: (nodeId: string) => void };

/** The workflow's problems in one list, each leading to its node; what must be fixed before publishing. */
export function ProblemsList({ problems, onOpenNode }: TProps) {
  const [isOpen, setIsOpen] = useState(false);
  if (problems.length === 0) {
    return (
      <p data-testid="problems-summary" className="flex items-center gap-1 rounded-md bg-white/90 px-2 py-1 text-xs text-emerald-700 shadow-sm ring-1 ring-slate-200">
        <CheckCircle2 aria-hidden="true" className="h-3.5 w-3.5" /> Ready to publish
      </p>
    );
  }
  return (
    <div className="w-80 rounded-md bg-white shadow-sm ring-1 ring-slate-200">
      <button
        type="button"
        data-testid="problems-summary"
        aria-expanded={isOpen}
        onClick={() => setIsOpen((v) => !v)}
        className="flex w-full items-center gap-1 rounded-md px-2 py-1 text-left text-xs font-medium text-red-700 outline-none focus-visible:ring-2 focus-visible:ring-brand-500"
      >
        <AlertTriangle aria-hidden="true" className="h-3.5 w-3.5" />
        {problems.length === 1 ? "1 problem" : `${problems.length} problems`} to fix before publishing
        <ChevronDown aria-hidden="true" className={`ml-auto h-3.5 w-3.5 transition-transform ${isOpen ? "rotate-180" : ""}`} />
      </button>
      {isOpen ? (
        <ul className="max-h-64 overflow-y-auto border-t border-slate-100 py-1 text-xs">
          {problems.map((p, i) => (
            <li key={`${p.nodeId}-${p.code}-${p.field ?? ""}-${i}`}>
              {p.nodeId ? (
                <button type="button" onClick={() => onOpenNode(p.nodeId as string)} className="w-full px-2 py-1 text-left text-slate-700 hover:bg-slate-50 focus-visible:bg-slate-50 focus-visible:outline-none">
                  {p.message}
                </button>
              ) : (
                <span className="block px-2 py-1 text-slate-700">{p.message}</span>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
