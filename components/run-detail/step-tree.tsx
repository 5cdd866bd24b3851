import type { TRunStep } from "@/server/runs/run-detail.shared";
import { groupBranches, type TStepTree } from "./group-branches";
import { StepItem } from "./step-item";

/** Steps of one scope in the engine's order, a Parallel node's branches side by side under it (wrapping when narrow). */
export function StepList({ steps, runStartedAt }: { steps: readonly TRunStep[]; runStartedAt: string | null }) {
  return groupBranches(steps).map((tree) => <StepTreeItem key={tree.step.id} tree={tree} runStartedAt={runStartedAt} />);
}

function StepTreeItem({ tree, runStartedAt }: { tree: TStepTree; runStartedAt: string | null }) {
  const { step, branches } = tree;
  return (
    <StepItem step={step} runStartedAt={runStartedAt}>
      {branches.length > 0 ? (
        <div
          role="group"
          aria-label={`Branches of ${step.nodeId}`}
          className="mt-2 flex flex-wrap gap-3"
          data-testid={`branches-${step.nodeId}`}
        >
          {branches.map((column) => (
            <section
              key={column.handle}
              aria-label={`${column.label} of ${step.nodeId}`}
              className="min-w-[14rem] flex-1 rounded-md border border-slate-200 bg-slate-50/60"
            >
              <h4 className="border-b border-slate-200 px-3 py-1.5 text-xs font-medium text-slate-600">{column.label}</h4>
              <ol className="divide-y divide-slate-100 bg-white px-3">
                {column.steps.map((child) => (
                  <StepTreeItem key={child.step.id} tree={child} runStartedAt={runStartedAt} />
                ))}
              </ol>
            </section>
          ))}
        </div>
      ) : null}
    </StepItem>
  );
}
