// The data the latest finished run of a workflow left behind (see scopeFromSteps): the builder previews expressions
// against it.
import type { TDb } from "../db/client";
import { scopeFromSteps, type TEditorData } from "./editor.shared";

export async function loadLastRunScope(db: TDb, workflowId: string): Promise<TEditorData["lastRun"]> {
  const run = await db.run.findFirst({
    where: { workflowId, status: { in: ["SUCCEEDED", "FAILED", "CANCELLED"] } },
    // Newest by creation: the (workflowId, createdAt) index finds it without sorting every run of the workflow.
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true, status: true, isGenerated: true, input: true },
  });
  if (!run) return null;
  const steps = await db.stepRun.findMany({
    where: { runId: run.id, status: "SUCCEEDED" },
    select: { nodeId: true, iterationKey: true, status: true, output: true },
  });
  return { id: run.id, status: run.status, isGenerated: run.isGenerated, scope: scopeFromSteps(run.input, steps) };
}
