"use client";

import type { ReactNode } from "react";
import { Recycle, RotateCcw } from "lucide-react";
import type { TRunStep } from "@/server/runs/run-detail.shared";
import { JsonViewer } from "@/components/run-detail/json-viewer";
import { waitLabelOf } from "@/components/run-detail/labels";
import { nodeTypeLabel } from "@/components/run-detail/node-icon";
import { StepError } from "@/components/run-detail/step-error";
import { StepStatusBadge } from "@/components/run-detail/step-status-badge";
import { StepAttempts } from "@/components/run-detail/step-attempts";
import { BUTTON } from "@/components/shell/form-styles";
import { iterationSummary, stepFacts } from "./describe-step";
import { PanelFrame } from "./panel-ui";
import { PolicyDecisionList } from "./policy-decision-list";

export type TStepInspectorProps = {
  /** The node's step in the run on the canvas (useTestRun's stepsByNode); null when the node did not run. */
  step: TRunStep | null;
  nodeLabel: string;
  /** Whether "Re-run from this node" is offered (the run failed or was cancelled and the person may run it). */
  canRerun: boolean;
  onRerunFrom: (nodeId: string) => void;
  onClose: () => void;
  /** While a re-run is being started. */
  isRerunning?: boolean;
  /** Why the last re-run did not start (useTestRun's error after rerunFrom). */
  rerunError?: string | null;
};

function Block({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section aria-label={title} className="border-t border-slate-100 px-4 py-3">
      <h3 className="mb-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">{title}</h3>
      {children}
    </section>
  );
}

/** Everything one node's step did in a run: outcome, cost, error, attempts, policy decisions, input and output. */
export function StepInspector({
  step,
  nodeLabel,
  canRerun,
  onRerunFrom,
  onClose,
  isRerunning = false,
  rerunError = null,
}: TStepInspectorProps) {
  if (!step) {
    return (
      <PanelFrame title={nodeLabel} onClose={onClose} closeLabel="Close the step inspector">
        <p className="px-4 py-6 text-sm text-slate-600">
          This node has not run in this run: the run has not reached it, or a branch before it was not taken.
        </p>
      </PanelFrame>
    );
  }
  const waitLabel = waitLabelOf(step);
  const loopSummary = iterationSummary(step);
  return (
    <PanelFrame
      title={nodeLabel}
      subtitle={
        <>
          <code className="font-mono">{step.nodeId}</code> · {nodeTypeLabel(step.nodeType)}
        </>
      }
      onClose={onClose}
      closeLabel="Close the step inspector"
    >
      <div className="space-y-3 px-4 py-3">
        <div className="flex flex-wrap items-center gap-2">
          <StepStatusBadge status={step.status} isInterruptedByStop={step.isInterruptedByStop} />
          {waitLabel ? <span className="text-sm text-slate-600">{waitLabel}</span> : null}
        </div>
        {step.reusedFromRunId ? (
          <p className="flex gap-2 rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm text-slate-700">
            <Recycle aria-hidden="true" className="mt-0.5 h-4 w-4 shrink-0 text-slate-500" />
            Not run again: this re-run reused the result of the earlier run, so it cost nothing here.
          </p>
        ) : null}
        <StepError step={step} />
        <dl className="grid grid-cols-2 gap-x-4 gap-y-2 text-sm">
          {stepFacts(step).map((fact) => (
            <div key={fact.label} className="min-w-0">
              <dt className="text-xs text-slate-500">{fact.label}</dt>
              <dd className="truncate font-medium text-slate-900 tabular-nums" title={fact.value}>
                {fact.value}
              </dd>
            </div>
          ))}
        </dl>
        {loopSummary ? (
          <p className="rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm text-slate-700">
            <span className="font-medium">Loop iterations:</span> {loopSummary}
          </p>
        ) : null}
        {canRerun ? (
          <div className="border-t border-slate-100 pt-3">
            <button type="button" className={BUTTON.primary} disabled={isRerunning} onClick={() => onRerunFrom(step.nodeId)}>
              <RotateCcw aria-hidden="true" className="h-4 w-4" />
              {isRerunning ? "Starting the re-run…" : "Re-run from this node"}
            </button>
            <p className="mt-1 text-xs text-slate-500">
              A new test run of the draft as it is now: this node, any node you changed and everything after them run
              again; the steps before reuse their results, without calling models or services again.
            </p>
            {rerunError ? (
              <p role="alert" className="mt-1 text-sm text-red-700">
                The re-run did not start: {rerunError}
              </p>
            ) : null}
          </div>
        ) : null}
      </div>
      {step.attempts.length > 0 ? (
        <Block title="Attempts">
          <StepAttempts step={step} />
        </Block>
      ) : null}
      <Block title="Policy decisions">
        <PolicyDecisionList value={step.policyDecisions} nodeId={step.nodeId} />
        {step.sentRequest ? (
          <div className="mt-2">
            <JsonViewer label="Sent to the model (after redaction)" of={step.nodeId} value={step.sentRequest} />
          </div>
        ) : null}
      </Block>
      <Block title="Data">
        <div className="space-y-2">
          <JsonViewer label="Input" of={step.nodeId} value={step.input} />
          <JsonViewer label="Output" of={step.nodeId} value={step.output} isOpen={step.status === "SUCCEEDED"} />
        </div>
      </Block>
    </PanelFrame>
  );
}
