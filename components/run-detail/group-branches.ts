// Steps that a Parallel node started, grouped under it by branch (server/runs/parallel-branches.ts says which node
// lies on which branch), so the run page can show the branches side by side. Pure; the order inside each group stays
// the engine's.
import type { TRunStep } from "@/server/runs/run-detail.shared";

export type TStepTree = { step: TRunStep; branches: TBranchColumn[] };
export type TBranchColumn = { handle: string; label: string; steps: TStepTree[] };

/** "Branch 2" for the Parallel node's port "branch_2". */
export function branchLabel(handle: string): string {
  const n = /^branch_(\d+)$/.exec(handle)?.[1];
  return n ? `Branch ${n}` : handle;
}

/** `steps` (one scope: the top level or one loop iteration) as trees: branch steps under their Parallel step. */
export function groupBranches(steps: readonly TRunStep[]): TStepTree[] {
  const trees = steps.map((step): TStepTree => ({ step, branches: [] }));
  const parallelAt = new Map<string, number>();
  trees.forEach((t, i) => {
    if (t.step.nodeType === "control.parallel") parallelAt.set(t.step.nodeId, i);
  });
  const top: TStepTree[] = [];
  trees.forEach((tree, i) => {
    const branch = tree.step.branch;
    const parentAt = branch ? parallelAt.get(branch.parallelNodeId) : undefined;
    if (!branch || parentAt === undefined || parentAt >= i) {
      top.push(tree);
      return;
    }
    const parent = trees[parentAt]!;
    let column = parent.branches.find((c) => c.handle === branch.handle);
    if (!column) {
      column = { handle: branch.handle, label: branchLabel(branch.handle), steps: [] };
      parent.branches.push(column);
      parent.branches.sort((a, b) => a.handle.localeCompare(b.handle, "en", { numeric: true }));
    }
    column.steps.push(tree);
  });
  return top;
}
