// Which step the canvas shows on each node of a test run. Pure, so the choice is tested.
import type { TRunStep, TStepStatus } from "@/server/runs/run-detail.shared";

/** For a node inside a loop (it ran once per item): a failure first, then work in progress, then the latest item. */
const ITERATION_PRIORITY: Record<TStepStatus, number> = {
  FAILED: 4,
  RUNNING: 3,
  WAITING: 3,
  CANCELLED: 2,
  PENDING: 1,
  SUCCEEDED: 0,
  SKIPPED: 0,
};

/** Later attempts replace earlier ones; at equal attempts the step that started later (or was listed later) wins. */
function isLater(candidate: TRunStep, current: TRunStep): boolean {
  if (candidate.attempt !== current.attempt) return candidate.attempt > current.attempt;
  const [a, b] = [candidate.startedAt ?? "", current.startedAt ?? ""];
  return a === b || !b ? true : a > b;
}

function iterationIndexPath(step: TRunStep): number[] {
  return step.iterationKey === "" ? [] : step.iterationKey.split(".").map(Number);
}

function comesAfter(a: TRunStep, b: TRunStep): boolean {
  const [x, y] = [iterationIndexPath(a), iterationIndexPath(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    if ((x[i] ?? -1) !== (y[i] ?? -1)) return (x[i] ?? -1) > (y[i] ?? -1);
  }
  return isLater(a, b);
}

function isPreferredIteration(candidate: TRunStep, current: TRunStep): boolean {
  const [p, q] = [ITERATION_PRIORITY[candidate.status], ITERATION_PRIORITY[current.status]];
  return p !== q ? p > q : comesAfter(candidate, current);
}

function collectIterationSteps(step: TRunStep, into: Map<string, TRunStep>): void {
  for (const iteration of step.iterations) {
    for (const inner of iteration.steps) {
      const current = into.get(inner.nodeId);
      if (!current || isPreferredIteration(inner, current)) into.set(inner.nodeId, inner);
      collectIterationSteps(inner, into);
    }
  }
}

/**
 * One step per node: the latest attempt of each top-level step (a Loop node gets its Loop step, which carries the
 * iterations), and for nodes inside a loop the most telling of their per-item steps.
 */
export function mapStepsByNode(steps: readonly TRunStep[]): Map<string, TRunStep> {
  const byNode = new Map<string, TRunStep>();
  for (const step of steps) {
    const current = byNode.get(step.nodeId);
    if (!current || isLater(step, current)) byNode.set(step.nodeId, step);
  }
  const inLoops = new Map<string, TRunStep>();
  for (const step of byNode.values()) collectIterationSteps(step, inLoops);
  for (const [nodeId, step] of inLoops) if (!byNode.has(nodeId)) byNode.set(nodeId, step);
  return byNode;
}
