// Test-run status painted on the canvas: a run's steps mapped onto the nodes of the graph.
import type { TRunDetail, TRunStep, TStepStatus } from "@/server/runs/run-detail.shared";
import { allSteps, isTerminalRunStatus } from "@/server/runs/run-detail.shared";
import type { TGraphProblem } from "@/server/workflows/graph-problems.shared";
import { scopeFromSteps, type TExpressionScope } from "@/server/workflows/editor.shared";
import type { TWorkflowGraph } from "@/server/workflows/graph.shared";
import type { TNodeDecoration, TNodeRunStatus } from "./node-decorations";

const STATUS: Record<TStepStatus, TNodeRunStatus> = {
  PENDING: "queued",
  RUNNING: "running",
  SUCCEEDED: "succeeded",
  FAILED: "failed",
  SKIPPED: "skipped",
  WAITING: "waiting",
  CANCELLED: "cancelled",
};

export function buildDecorations(
  graph: TWorkflowGraph,
  problems: readonly TGraphProblem[],
  run: TRunDetail | null,
  stepsByNode: ReadonlyMap<string, TRunStep>,
): Map<string, TNodeDecoration> {
  const byNode = new Map<string, string[]>();
  for (const p of problems) {
    for (const id of p.nodeIds ?? (p.nodeId ? [p.nodeId] : [])) {
      const list = byNode.get(id) ?? [];
      list.push(p.message);
      byNode.set(id, list);
    }
  }
  const isActive = run !== null && !isTerminalRunStatus(run.status);
  const out = new Map<string, TNodeDecoration>();
  for (const node of graph.nodes) {
    const step = run ? stepsByNode.get(node.id) : undefined;
    const hasCost = step !== undefined && Number(step.costUsd) > 0;
    out.set(node.id, {
      problems: byNode.get(node.id) ?? [],
      status: step ? STATUS[step.status] : isActive ? "queued" : null,
      latencyMs: step?.latencyMs ?? null,
      costUsd: hasCost ? step.costUsd : null,
    });
  }
  return out;
}

/** What expressions would see after this run: every step, loop iterations included (see scopeFromSteps). */
export function scopeOfRun(run: TRunDetail): TExpressionScope {
  // A run's input is what its trigger produced, e.g. { body } for a manual or webhook run: the `trigger` of expressions.
  return scopeFromSteps(run.input, allSteps(run.steps));
}
