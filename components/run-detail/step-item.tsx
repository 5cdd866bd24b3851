import type { ReactNode } from "react";
import clsx from "clsx";
import Link from "next/link";
import { formatDuration, formatMoney, formatNumber } from "@/components/format";
import type { TRunStep } from "@/server/runs/run-detail.shared";
import { JsonViewer } from "./json-viewer";
import { waitLabelOf } from "./labels";
import { NodeIcon, nodeTypeLabel } from "./node-icon";
import { StepError } from "./step-error";
import { StepStatusBadge } from "./step-status-badge";
import { LoopIterations } from "./loop-iterations";
import { hasAttemptStory } from "./attempt-timeline";
import { StepAttempts } from "./step-attempts";
import { PolicyDecisionList } from "@/components/builder/panels/policy-decision-list";

function offsetFromStart(step: TRunStep, runStartedAt: string | null): string | null {
  if (!step.startedAt || !runStartedAt) return null;
  const ms = new Date(step.startedAt).getTime() - new Date(runStartedAt).getTime();
  return ms >= 0 ? `+${formatDuration(ms)}` : null;
}

/**
 * One step: what ran, how it went (each attempt and the waits between them), what it cost, and its input/output on
 * demand. `children`: what the step started, shown under it (a Parallel node's branches).
 */
export function StepItem({ step, runStartedAt, children }: { step: TRunStep; runStartedAt: string | null; children?: ReactNode }) {
  const facts: string[] = [];
  const offset = offsetFromStart(step, runStartedAt);
  if (offset) facts.push(`started ${offset}`);
  if (step.attempt > 1) facts.push(`attempt ${step.attempt}`);
  // A step still running or waiting has no final latency yet.
  const isFinished = step.status === "SUCCEEDED" || step.status === "FAILED" || step.status === "CANCELLED";
  if (isFinished && step.latencyMs !== null) facts.push(formatDuration(step.latencyMs));
  if (step.model) facts.push(step.provider ? `${step.model} (${step.provider})` : step.model);
  if (step.tokensIn + step.tokensOut > 0) {
    facts.push(`${formatNumber(step.tokensIn)} in / ${formatNumber(step.tokensOut)} out tokens`);
  }
  if (Number(step.costUsd) > 0) facts.push(formatMoney(step.costUsd));
  const waitLabel = waitLabelOf(step);
  const isSkipped = step.status === "SKIPPED";

  return (
    <li className={clsx("relative flex gap-3 py-3", isSkipped && "opacity-60")} data-testid={`step-${step.nodeId}`}>
      <NodeIcon type={step.nodeType} />
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
          <h3 className="font-mono text-sm font-semibold text-slate-900">{step.nodeId}</h3>
          <span className="text-sm text-slate-500">
            {step.nodeLabel ? `${step.nodeLabel} · ` : ""}
            {nodeTypeLabel(step.nodeType)}
          </span>
          <span className="ml-auto">
            <StepStatusBadge status={step.status} isInterruptedByStop={step.isInterruptedByStop} />
          </span>
        </div>
        {facts.length > 0 || waitLabel ? (
          <p className="mt-0.5 text-xs text-slate-500 tabular-nums">
            {[...(waitLabel ? [waitLabel] : []), ...facts].join(" · ")}
          </p>
        ) : null}
        {step.reusedFromRunId ? (
          <p className="mt-0.5 text-xs text-slate-600" data-testid={`reused-${step.nodeId}`}>
            Reused from{" "}
            <Link href={`/runs/${step.reusedFromRunId}`} className="font-medium text-brand-700 hover:underline">
              the earlier run
            </Link>
            : not run again, no cost in this run.
          </p>
        ) : null}
        {step.isInterruptedByStop ? (
          <p className="mt-1 text-xs text-amber-800">
            Interrupted by the emergency stop mid-call; it resumes when the engine is resumed, sent again as the same
            attempt with the same Idempotency-Key.
          </p>
        ) : null}
        <StepError step={step} className="mt-2" />
        {hasAttemptStory(step) ? <StepAttempts step={step} className="mt-2" /> : null}
        {Array.isArray(step.policyDecisions) && step.policyDecisions.length > 0 ? (
          <div className="mt-2">
            <PolicyDecisionList value={step.policyDecisions} nodeId={step.nodeId} />
          </div>
        ) : null}
        {step.sentRequest ? (
          <div className="mt-2">
            <JsonViewer label="Sent to the model (after redaction)" of={step.nodeId} value={step.sentRequest} />
          </div>
        ) : null}
        {step.input !== null || step.output !== null ? (
          <div className="mt-2 grid gap-2 lg:grid-cols-2">
            <JsonViewer label="Input" of={step.nodeId} value={step.input} />
            <JsonViewer label="Output" of={step.nodeId} value={step.output} />
          </div>
        ) : null}
        {step.iterations.length > 0 ? <LoopIterations step={step} runStartedAt={runStartedAt} /> : null}
        {children}
      </div>
    </li>
  );
}
