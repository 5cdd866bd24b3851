"use client";

import { useState } from "react";
import { ChevronRight } from "lucide-react";
import { DEFAULT_NODE_SETTINGS, type TNodeSettings } from "@/server/workflows/node-settings.shared";
import type { TWorkflowNode } from "@/server/workflows/graph.shared";
import { ConfigFields } from "./field-renderer";

function describeDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${Math.round(ms / 100) / 10} s`;
  if (ms < 3_600_000) return `${Math.round(ms / 6000) / 10} min`;
  return `${Math.round(ms / 360_000) / 10} h`;
}

const ON_ERROR: Record<TNodeSettings["onError"], string> = {
  fail: "fail the run",
  continue: "continue",
  route: "error output",
};

/** "1 attempt · 5 min timeout · on error: fail the run", from the settings with their defaults. */
export function summarizeSettings(settings: TWorkflowNode["settings"]): string {
  const attempts = settings?.retry?.maxAttempts ?? DEFAULT_NODE_SETTINGS.retry.maxAttempts;
  const timeout = settings?.timeoutMs ?? DEFAULT_NODE_SETTINGS.timeoutMs;
  const onError = settings?.onError ?? DEFAULT_NODE_SETTINGS.onError;
  return `${attempts} ${attempts === 1 ? "attempt" : "attempts"} · ${describeDuration(timeout)} timeout · on error: ${ON_ERROR[onError]}`;
}

/** Retries, timeout and failure handling, folded away until needed (opened when one of them has a problem). */
export function SettingsSection({
  id,
  settings,
  hasProblems,
  fields,
}: {
  id: string;
  settings: TWorkflowNode["settings"];
  hasProblems: boolean;
  fields: Parameters<typeof ConfigFields>[0]["fields"];
}) {
  const [isOpen, setIsOpen] = useState(hasProblems);
  const [hadProblems, setHadProblems] = useState(hasProblems);
  if (hasProblems !== hadProblems) {
    // A new problem in the settings opens them, so it is seen; the person may fold them again.
    setHadProblems(hasProblems);
    if (hasProblems) setIsOpen(true);
  }
  const isShown = isOpen;
  const regionId = `${id}-region`;
  return (
    <section className="border-t border-slate-200" aria-labelledby={`${id}-button`}>
      <h3>
        <button
          id={`${id}-button`}
          type="button"
          aria-expanded={isShown}
          aria-controls={regionId}
          onClick={() => setIsOpen(!isShown)}
          className="flex w-full items-start gap-2 px-4 py-3 text-left hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-brand-500"
        >
          <ChevronRight
            aria-hidden="true"
            className={`mt-0.5 h-4 w-4 shrink-0 text-slate-500 transition-transform ${isShown ? "rotate-90" : ""}`}
          />
          <span className="min-w-0">
            <span className="block text-sm font-medium text-slate-900">Retries, timeout and errors</span>
            <span className="block truncate text-xs text-slate-500">{summarizeSettings(settings)}</span>
          </span>
        </button>
      </h3>
      {isShown ? (
        <div id={regionId} className="px-4 pb-4">
          <ConfigFields fields={fields} base={[]} />
        </div>
      ) : null}
    </section>
  );
}
