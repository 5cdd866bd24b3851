// Re-running a finished run from one node: a new run of the SAME pinned version with the same input, created with
// copies of the original's succeeded steps for every node that is neither the chosen node nor downstream of it. The
// engine never executes a step that already SUCCEEDED (plan.ts), so those outputs are reused and their side effects
// (model calls, HTTP requests) are not repeated; the chosen node and everything after it run again.
//
// Loops: a node inside a loop body cannot re-run alone (iterations share the loop's state), so choosing it re-runs its
// outermost enclosing loop entirely, body included. Copies keep the original's idempotency key (it names the run
// that made the side effect; rows written without one get the key they would have had) but not its cost or tokens:
// this run did not pay for them again.
import { z } from "zod";
import type { TDb } from "../db/client";
import type { TRedis } from "../redis/client";
import { appendAuditBatchSql } from "../audit/append-sql";
import { AppError, parseOrThrow } from "../errors";
import { assertCan, type TPrincipal } from "../auth/permissions";
import { findReadableRun } from "../runs/get-run";
import { NODE_ID_PATTERN, ZWorkflowGraph } from "../workflows/graph.shared";
import { userActor } from "../workflows/workflow-access";
import { indexGraph, parentKey, stepKey, type TGraphIndex } from "./graph-index";
import { startRun } from "./start-run";
import type { TSql } from "../db/sql";

export const ZRerun = z.object({
  nodeId: z.string({ error: "Say which node to re-run from, by its id" }).regex(NODE_ID_PATTERN, "Name the node to re-run from by its id"),
});

/** The API's body: POST /api/runs/[runId]/rerun { fromNodeId }. */
export const ZRerunRequest = z.object({ fromNodeId: ZRerun.shape.nodeId });

export type TStepOrigin = { id: string; nodeId: string; iterationKey: string; status: string };

/** The node whose re-run the choice implies: the outermost loop around it, or the node itself. */
export function rerunStart(index: TGraphIndex, nodeId: string): string {
  let start = nodeId;
  for (let loop = index.loopOf.get(nodeId); loop; loop = index.loopOf.get(loop)) start = loop;
  return start;
}

/** Every node that runs again: the start and everything reachable from it (loop bodies through their item port). */
export function rerunNodes(index: TGraphIndex, nodeId: string): Set<string> {
  const affected = new Set<string>();
  const stack = [rerunStart(index, nodeId)];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (affected.has(id)) continue;
    affected.add(id);
    for (const edge of index.outgoing.get(id) ?? []) stack.push(edge.target);
  }
  return affected;
}

/**
 * The original steps to copy: succeeded, not re-run, and (inside a loop) belonging to a loop step that is copied
 * too, so no iteration outlives the loop run it belonged to.
 */
export function stepsToReuse(index: TGraphIndex, steps: readonly TStepOrigin[], nodeId: string): TStepOrigin[] {
  const affected = rerunNodes(index, nodeId);
  const depth = (key: string) => (key === "" ? 0 : key.split(".").length);
  const kept = new Set<string>();
  const reused: TStepOrigin[] = [];
  for (const step of [...steps].sort((a, b) => depth(a.iterationKey) - depth(b.iterationKey))) {
    if (step.status !== "SUCCEEDED" || affected.has(step.nodeId) || !index.nodes.has(step.nodeId)) continue;
    const loopId = step.iterationKey === "" ? undefined : index.loopOf.get(step.nodeId);
    if (loopId && !kept.has(stepKey(loopId, parentKey(step.iterationKey)))) continue;
    kept.add(stepKey(step.nodeId, step.iterationKey));
    reused.push(step);
  }
  return reused;
}

async function copySteps(sql: TSql, fromRunId: string, toRunId: string, stepIds: string[]): Promise<void> {
  if (stepIds.length === 0) return;
  await sql(
    `INSERT INTO "StepRun" (id, "runId", "nodeId", "nodeType", "iterationKey", status, attempt, input, output, "firedHandles", "latencyMs",
       "policyDecisions", "idempotencyKey", "startedAt", "finishedAt", "createdAt", "updatedAt")
     SELECT 'st_' || replace(gen_random_uuid()::text, '-', ''), $1, s."nodeId", s."nodeType", s."iterationKey", s.status, s.attempt, s.input, s.output,
       s."firedHandles", s."latencyMs", s."policyDecisions", COALESCE(s."idempotencyKey", concat_ws(':', $2::text, s."nodeId", s."iterationKey", s.attempt)), s."startedAt", s."finishedAt", s."createdAt", now() AT TIME ZONE 'UTC'
     FROM "StepRun" s WHERE s."runId" = $2::text AND s.id = ANY($3::text[])`,
    [toRunId, fromRunId, stepIds],
  );
}

export async function rerunFromNode(
  deps: { db: TDb; redis: TRedis },
  principal: TPrincipal,
  runId: string,
  raw: z.input<typeof ZRerun>,
): Promise<{ runId: string; reusedSteps: number }> {
  const { nodeId } = parseOrThrow(ZRerun, raw);
  const readable = await findReadableRun(deps.db, principal, runId);
  assertCan(principal, "workflow:run", { teamId: readable.teamId });
  const run = await deps.db.run.findUniqueOrThrow({
    where: { id: readable.id },
    select: {
      id: true, workflowId: true, workflowVersionId: true, status: true, triggerType: true, input: true,
      workflow: { select: { status: true } },
      workflowVersion: { select: { graph: true } },
    },
  });
  if (run.status !== "FAILED" && run.status !== "CANCELLED") {
    throw new AppError("CONFLICT", `Only a failed or cancelled run can be re-run from a node; this one is ${run.status.toLowerCase()}.`);
  }
  if (run.workflow.status === "archived") throw new AppError("CONFLICT", "This workflow is archived; restore it before re-running its runs.");
  if (run.workflow.status === "paused") throw new AppError("CONFLICT", "This workflow is paused: resume it to start runs.");
  const graph = ZWorkflowGraph.safeParse(run.workflowVersion.graph);
  if (!graph.success) throw new AppError("CONFLICT", "The workflow version this run used cannot be read, so it cannot be re-run.");
  const index = indexGraph(graph.data);
  if (!index.nodes.has(nodeId)) throw new AppError("BAD_REQUEST", `The version this run used has no node "${nodeId}".`);

  const steps = await deps.db.stepRun.findMany({ where: { runId: run.id }, select: { id: true, nodeId: true, iterationKey: true, status: true } });
  const reused = stepsToReuse(index, steps, nodeId);
  const actor = userActor(principal);
  const { runId: newRunId } = await startRun(deps, {
    workflowId: run.workflowId,
    versionId: run.workflowVersionId,
    input: (run.input ?? {}) as Record<string, unknown>,
    // A person started this one; a re-run of a test run is still a test of the same draft snapshot.
    triggerType: run.triggerType === "test" ? "test" : "manual",
    actor,
    prefill: async (sql, id) => {
      await copySteps(sql, run.id, id, reused.map((s) => s.id));
      await appendAuditBatchSql(sql, [{
        actor,
        action: "run.rerun_requested",
        resource: { type: "run", id },
        teamId: readable.teamId,
        data: { rerunOf: run.id, fromNodeId: nodeId, startNodeId: rerunStart(index, nodeId), reusedSteps: reused.length },
      }]);
    },
  });
  return { runId: newRunId, reusedSteps: reused.length };
}
