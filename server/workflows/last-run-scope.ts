// The data the latest finished run of a workflow left behind, in the shape expressions see at run time
// (server/engine/scope.ts): `trigger` is the run's input, `nodes.<id>.output` each succeeded step's output. The
// builder previews expressions against it.
import type { TDb } from "../db/client";
import type { TEditorData, TExpressionScope } from "./editor.shared";

/** Top-level steps first; a node inside a loop has no top-level step, so its first iteration stands in for it. */
function iterationOrder(a: string, b: string): number {
  const depth = (key: string) => (key === "" ? 0 : key.split(".").length);
  const segments = (key: string) => key.split(".").map(Number);
  if (depth(a) !== depth(b)) return depth(a) - depth(b);
  const [x, y] = [segments(a), segments(b)];
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}

export async function loadLastRunScope(db: TDb, workflowId: string): Promise<TEditorData["lastRun"]> {
  const run = await db.run.findFirst({
    where: { workflowId, status: { in: ["SUCCEEDED", "FAILED", "CANCELLED"] } },
    // Newest by creation: the (workflowId, createdAt) index finds it without sorting every run of the workflow.
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true, status: true, input: true },
  });
  if (!run) return null;
  const steps = await db.stepRun.findMany({
    where: { runId: run.id, status: "SUCCEEDED" },
    select: { nodeId: true, iterationKey: true, output: true },
  });
  steps.sort((a, b) => iterationOrder(a.iterationKey, b.iterationKey));
  const nodes: TExpressionScope["nodes"] = {};
  for (const step of steps) nodes[step.nodeId] ??= { output: step.output };
  return { id: run.id, status: run.status, scope: { trigger: run.input ?? {}, nodes } };
}
