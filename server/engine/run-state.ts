// The in-memory state of one run during a worker pass: the run row, its pinned version, and its steps by
// `nodeId@iterationKey`. Loaded from Postgres at the start of every pass: the database is the truth.
import type { TDb } from "../db/client";
import type { RunStatus, StepStatus } from "../db/generated/enums";
import { getCompiledVersion, type TCompiledVersion } from "./compile-version";
import { stepKey } from "./graph-index";
import type { TStepView } from "./plan";

export type TStepRow = {
  id: string;
  nodeId: string;
  nodeType: string;
  iterationKey: string;
  status: StepStatus;
  attempt: number;
  output: unknown;
  firedHandles: string[];
  waitKind: string | null;
  waitUntil: Date | null;
  resumePayload: unknown;
  startedAt: Date | null;
  /** Usage summed over the step's attempts (a retried model call is paid for each time). */
  tokensIn: number;
  tokensOut: number;
  costUsd: string;
  /** False until the row exists in Postgres (steps finished in memory are written at the next flush). */
  isPersisted: boolean;
};

export type TRunRow = {
  id: string;
  workflowId: string;
  workflowVersionId: string;
  teamId: string;
  status: RunStatus;
  input: unknown;
  queuedAt: Date;
  startedAt: Date | null;
  cancelRequestedAt: Date | null;
  parentRunId: string | null;
  parentStepRunId: string | null;
  costUsd: string;
  tokensIn: number;
  tokensOut: number;
};

export type TRunState = { run: TRunRow; version: TCompiledVersion | null; versionError: string | null; steps: Map<string, TStepRow> };

export async function loadRunState(db: TDb, runId: string): Promise<TRunState | null> {
  const run = await db.run.findUnique({
    where: { id: runId },
    include: {
      workflowVersion: { select: { id: true, graph: true } },
      steps: {
        select: {
          id: true, nodeId: true, nodeType: true, iterationKey: true, status: true, attempt: true, output: true,
          firedHandles: true, waitKind: true, waitUntil: true, resumePayload: true, startedAt: true,
          tokensIn: true, tokensOut: true, costUsd: true,
        },
      },
    },
  });
  if (!run) return null;
  let version: TCompiledVersion | null = null;
  let versionError: string | null = null;
  try {
    version = getCompiledVersion(run.workflowVersion.id, run.workflowVersion.graph);
  } catch (error) {
    versionError = error instanceof Error ? error.message : "The workflow version could not be read.";
  }
  const steps = new Map<string, TStepRow>();
  for (const s of run.steps) steps.set(stepKey(s.nodeId, s.iterationKey), { ...s, costUsd: s.costUsd.toString(), isPersisted: true });
  return {
    run: {
      id: run.id,
      workflowId: run.workflowId,
      workflowVersionId: run.workflowVersionId,
      teamId: run.teamId,
      status: run.status,
      input: run.input,
      queuedAt: run.queuedAt,
      startedAt: run.startedAt,
      cancelRequestedAt: run.cancelRequestedAt,
      parentRunId: run.parentRunId,
      parentStepRunId: run.parentStepRunId,
      costUsd: run.costUsd.toString(),
      tokensIn: run.tokensIn,
      tokensOut: run.tokensOut,
    },
    version,
    versionError,
    steps,
  };
}

export function toStepViews(steps: Map<string, TStepRow>): Map<string, TStepView> {
  const views = new Map<string, TStepView>();
  for (const [key, s] of steps) views.set(key, { status: s.status, firedHandles: s.firedHandles, output: s.output, waitKind: s.waitKind });
  return views;
}

export const isRunTerminal = (status: RunStatus) => status === "SUCCEEDED" || status === "FAILED" || status === "CANCELLED";
