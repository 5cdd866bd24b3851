// Re-running a finished run from one node: a new run with the same input, created with copies of the original's
// succeeded steps for every node that is neither the chosen node nor downstream of it. The engine never executes a
// step that already SUCCEEDED (plan.ts), so those outputs are reused and their side effects (model calls, HTTP
// requests) are not repeated; the chosen node and everything after it run again.
//
// Which graph: a run of a published version re-runs that same version. A test run re-run with the draft's `revision`
// (the builder's "fix it, then re-run from here") runs the saved draft instead, as a new test snapshot: then every
// node the draft added or changed (connections into it included) runs again too, with everything after it, so no
// reused output comes from a node that is no longer what the draft says.
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
import { checkedRunId, readableOrNotFound } from "../runs/get-run";
import { NODE_ID_PATTERN, ZWorkflowGraph, type TWorkflowGraph } from "../workflows/graph.shared";
import { diffGraphs } from "../workflows/diff-graphs.shared";
import { snapshotTestDraft } from "../workflows/start-test-run";
import { principalActor } from "../auth/actor";
import { indexGraph, parentKey, stepKey, type TGraphIndex } from "./graph-index";
import { startRun } from "./start-run";
import { openVault } from "../governance/vault";
import type { TSql } from "../db/sql";

export const ZRerun = z.object({
  nodeId: z
    .string({ error: "Say which node to re-run from, by its id" })
    .regex(NODE_ID_PATTERN, "Name the node to re-run from by its id"),
  /** Test runs only: re-run with the saved draft at this revision (refused when the draft has changed since). */
  revision: z.number({ error: "The draft revision must be a number" }).int().min(1).optional(),
});

/** The API's body: POST /api/runs/[runId]/rerun { fromNodeId, revision? }. */
export const ZRerunRequest = z.object({ fromNodeId: ZRerun.shape.nodeId, revision: ZRerun.shape.revision });

export type TStepOrigin = { id: string; nodeId: string; iterationKey: string; status: string };

/** The node whose re-run the choice implies: the outermost loop around it, or the node itself. */
export function rerunStart(index: TGraphIndex, nodeId: string): string {
  let start = nodeId;
  for (let loop = index.loopOf.get(nodeId); loop; loop = index.loopOf.get(loop)) start = loop;
  return start;
}

/** Every node that runs again: the starts and everything reachable from them (loop bodies through their item port). */
export function rerunNodes(index: TGraphIndex, nodeIds: string | readonly string[]): Set<string> {
  const affected = new Set<string>();
  const stack = (typeof nodeIds === "string" ? [nodeIds] : [...nodeIds]).map((id) => rerunStart(index, id));
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
export function stepsToReuse(
  index: TGraphIndex,
  steps: readonly TStepOrigin[],
  nodeIds: string | readonly string[],
): TStepOrigin[] {
  const affected = rerunNodes(index, nodeIds);
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

/**
 * The nodes of `after` whose output may differ from what `before` produced: added, changed in anything but their
 * label, or with a connection into them added or removed.
 */
export function changedNodes(before: TWorkflowGraph, after: TWorkflowGraph): string[] {
  const diff = diffGraphs(before, after);
  const present = new Set(after.nodes.map((n) => n.id));
  const changed = new Set([
    ...diff.addedNodes.map((n) => n.id),
    ...diff.changedNodes.filter((n) => n.changes.some((c) => c.path !== "label")).map((n) => n.id),
    ...[...diff.addedEdges, ...diff.removedEdges].map((e) => e.target),
  ]);
  return [...changed].filter((id) => present.has(id));
}

// A copied step keeps its place in the run's order (seq; the re-run's own steps continue after the largest), and the
// idempotency key it ran with (stepIdempotencyKey: run:node:iteration:attempt; rebuilt in SQL
// the same way for a step that has none), so run detail can tell which run executed it, and the warning it carries
// (error and errorCode on a succeeded step: VALUE_REPLACED, SENT_AGAIN; see run-detail.shared.ts).
async function copySteps(sql: TSql, fromRunId: string, toRunId: string, stepIds: string[]): Promise<void> {
  if (stepIds.length === 0) return;
  await sql(
    `INSERT INTO "StepRun" (id, "runId", "nodeId", "nodeType", "iterationKey", status, attempt, input, output, "firedHandles", "latencyMs",
       "policyDecisions", "idempotencyKey", error, "errorCode", "startedAt", "finishedAt", seq, "createdAt", "updatedAt")
     SELECT 'st_' || replace(gen_random_uuid()::text, '-', ''), $1, s."nodeId", s."nodeType", s."iterationKey", s.status, s.attempt, s.input, s.output,
       s."firedHandles", s."latencyMs", s."policyDecisions", COALESCE(s."idempotencyKey", concat_ws(':', $2::text, s."nodeId", s."iterationKey", s.attempt)), s.error, s."errorCode", s."startedAt", s."finishedAt", s.seq, s."createdAt", now() AT TIME ZONE 'UTC'
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
  const { nodeId, revision } = parseOrThrow(ZRerun, raw);
  const found = await deps.db.run.findUnique({
    where: { id: checkedRunId(runId) },
    select: {
      id: true,
      teamId: true,
      workflowId: true,
      workflowVersionId: true,
      status: true,
      triggerType: true,
      input: true,
      piiVault: true,
      workflow: { select: { status: true } },
      workflowVersion: { select: { graph: true, isTestSnapshot: true } },
    },
  });
  const run = readableOrNotFound(principal, found, "workflow:run");
  assertCan(principal, "workflow:run", { teamId: run.teamId });
  if (run.status !== "FAILED" && run.status !== "CANCELLED") {
    throw new AppError(
      "CONFLICT",
      `Only a failed or cancelled run can be re-run from a node; this one is ${run.status.toLowerCase()}.`,
    );
  }
  if (run.workflow.status === "archived")
    throw new AppError("CONFLICT", "This workflow is archived; restore it before re-running its runs.");
  if (run.workflow.status === "paused")
    throw new AppError("CONFLICT", "This workflow is paused: resume it to start runs.");
  const graph = ZWorkflowGraph.safeParse(run.workflowVersion.graph);
  if (!graph.success)
    throw new AppError("CONFLICT", "The workflow version this run used cannot be read, so it cannot be re-run.");

  const requireNode = (candidate: TWorkflowGraph, whose: string) => {
    if (!candidate.nodes.some((n) => n.id === nodeId)) throw new AppError("BAD_REQUEST", `${whose} has no node "${nodeId}".`);
  };
  let target = { versionId: run.workflowVersionId, graph: graph.data, changed: [] as string[] };
  if (revision === undefined) {
    requireNode(graph.data, "The version this run used");
  } else {
    if (!run.workflowVersion.isTestSnapshot) {
      throw new AppError(
        "BAD_REQUEST",
        "Only a test run can be re-run with the draft; a run of a published version re-runs that version.",
      );
    }
    // Checked before the draft is frozen, so a refused re-run leaves no snapshot behind.
    const draft = await snapshotTestDraft(deps.db, principal, run.workflowId, revision, (g) => requireNode(g, "The draft"));
    target = { ...draft, changed: changedNodes(graph.data, draft.graph) };
  }
  const index = indexGraph(target.graph);

  const steps = await deps.db.stepRun.findMany({
    where: { runId: run.id },
    select: { id: true, nodeId: true, iterationKey: true, status: true },
  });
  const reused = stepsToReuse(index, steps, [nodeId, ...target.changed]);
  const actor = principalActor(principal);
  const { runId: newRunId } = await startRun(deps, {
    workflowId: run.workflowId,
    versionId: target.versionId,
    input: (run.input ?? {}) as Record<string, unknown>,
    // A person started this one; a re-run of a test run is still a test of the same draft snapshot.
    triggerType: run.triggerType === "test" ? "test" : "manual",
    actor,
    // The reused steps' outputs and the input hold the original run's placeholders: the new run keeps their values.
    vault: run.piiVault ? openVault(run.piiVault) : undefined,
    prefill: async (sql, id) => {
      await copySteps(
        sql,
        run.id,
        id,
        reused.map((s) => s.id),
      );
      await appendAuditBatchSql(sql, [
        {
          actor,
          action: "run.rerun_requested",
          resource: { type: "run", id },
          teamId: run.teamId,
          data: {
            rerunOf: run.id,
            fromNodeId: nodeId,
            startNodeId: rerunStart(index, nodeId),
            reusedSteps: reused.length,
            ...(revision === undefined
              ? {}
              : { versionId: target.versionId, draftRevision: revision, changedNodes: target.changed }),
          },
        },
      ]);
    },
  });
  return { runId: newRunId, reusedSteps: reused.length };
}
