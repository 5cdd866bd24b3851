import type { ReactNode } from "react";
import Link from "next/link";
import { ArrowLeft, TriangleAlert } from "lucide-react";
import { DateTime } from "@/components/shell/date-time";
import { GeneratedTag, RunStatusBadge } from "@/components/shell/status-badge";
import { formatDuration, formatMoney, formatNumber } from "@/components/format";
import { allSteps, isTerminalRunStatus, type TRunDetail } from "@/server/runs/run-detail.shared";
import { TRIGGER_LABELS } from "./labels";
import { nodeTypeLabel } from "./node-icon";

type TProps = { run: TRunDetail; live: ReactNode; actions: ReactNode };

function Stat({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="mt-1 truncate text-sm text-slate-900 tabular-nums">{children}</dd>
    </div>
  );
}

export function RunHeader({ run, live, actions }: TProps) {
  const failedStep = run.errorNodeId ? findStep(run, run.errorNodeId) : undefined;
  const isActive = !isTerminalRunStatus(run.status);
  return (
    <header className="mb-6">
      <Link
        href="/runs"
        className="mb-3 inline-flex items-center gap-1 text-sm text-slate-500 hover:text-slate-800 hover:underline"
      >
        <ArrowLeft aria-hidden="true" className="h-4 w-4" />
        Runs
      </Link>
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-2">
            <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{run.workflowName}</h1>
            {run.isTestRun ? (
              <span
                className="rounded bg-violet-50 px-1.5 py-0.5 text-xs font-medium text-violet-700"
                title="A test run from the builder: it ran the draft as it was saved, not a published version"
              >
                Test run · draft rev {run.draftRevision ?? "?"}
              </span>
            ) : (
              <span
                className="rounded bg-slate-100 px-1.5 py-0.5 text-xs font-medium text-slate-600"
                title="The published version this run executes"
              >
                v{run.versionNumber}
              </span>
            )}
            {/* A live region: the status changes in place as the run progresses. */}
            <span role="status" aria-label="Run status">
              <RunStatusBadge status={run.status} />
            </span>
            {run.isGenerated ? <GeneratedTag /> : null}
            {live}
          </div>
          <p className="mt-1 text-sm text-slate-500">
            Run <code className="font-mono text-xs">{run.id}</code> · {run.teamName}
            {run.parentRunId ? (
              <>
                {" "}
                · started by{" "}
                <Link href={`/runs/${run.parentRunId}`} className="text-brand-700 hover:underline">
                  its parent run
                </Link>
              </>
            ) : null}
          </p>
        </div>
        {actions ? <div className="flex shrink-0 flex-wrap items-center gap-2">{actions}</div> : null}
      </div>

      <dl className="mt-5 grid grid-cols-2 gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-3 lg:grid-cols-5">
        <Stat label="Trigger">{TRIGGER_LABELS[run.triggerType]}</Stat>
        <Stat label={run.startedAt ? "Started" : "Queued"}>
          <DateTime value={run.startedAt ?? run.queuedAt} />
        </Stat>
        <Stat label="Duration">
          {isActive && run.durationMs === null ? "In progress" : formatDuration(run.durationMs)}
        </Stat>
        <Stat label="Cost">{formatMoney(run.costUsd)}</Stat>
        <Stat label="Tokens">
          <span title={`${formatNumber(run.tokensIn)} in, ${formatNumber(run.tokensOut)} out`}>
            {formatNumber(run.tokensIn + run.tokensOut)}
          </span>
        </Stat>
      </dl>

      {run.status === "FAILED" && run.error ? (
        <div className="mt-4 flex gap-3 rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-800">
          <TriangleAlert aria-hidden="true" className="mt-0.5 h-5 w-5 shrink-0" />
          <div className="min-w-0">
            <h2 className="font-semibold">
              {run.errorNodeId ? (
                <>
                  Failed at step <code className="font-mono">{run.errorNodeId}</code>
                  {failedStep ? ` (${nodeTypeLabel(failedStep.nodeType)})` : ""}
                </>
              ) : (
                "The run failed"
              )}
            </h2>
            <p className="mt-1 break-words">{run.error}</p>
          </div>
        </div>
      ) : null}
      {run.cancelRequestedAt && isActive ? (
        <p role="status" className="mt-4 rounded-lg border border-slate-200 bg-white p-3 text-sm text-slate-600">
          Cancellation was requested <DateTime value={run.cancelRequestedAt} />; the run stops at its next step
          boundary.
        </p>
      ) : null}
    </header>
  );
}

function findStep(run: TRunDetail, nodeId: string) {
  return allSteps(run.steps).find((step) => step.nodeId === nodeId);
}
