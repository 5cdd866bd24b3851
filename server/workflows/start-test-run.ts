// Test runs from the builder: run what is on the canvas (the saved draft), not only the published version. The draft
// is validated like a publish, then frozen as an immutable WorkflowVersion marked as a test snapshot, and a run is
// pinned to it, so the run keeps the graph it started with however the draft changes afterwards.
//
// Numbering: a test snapshot of draft revision N has number -N. Drafts change only through saves and restores, each of
// which increments the revision, so one revision always has one graph and its snapshot is reused by every test of it;
// the (workflowId, number) key holds, published numbers (1, 2, 3…, max + 1 over published versions) are unaffected,
// and version history lists only published versions.
import { z } from "zod";
import type { TDb } from "../db/client";
import type { TRedis } from "../redis/client";
import { Prisma } from "../db/generated/client";
import { AppError, parseOrThrow } from "../errors";
import { assertCan, type TPrincipal } from "../auth/permissions";
import { appendAudit } from "../audit/append";
import { startRun } from "../engine/start-run";
import { graphRefused } from "./graph-errors";
import { ZWorkflowGraph, type TWorkflowGraph } from "./graph.shared";
import { validateWorkflow } from "./validate-workflow";
import { loadWorkflowFor, staleDraftError } from "./workflow-access";
import { principalActor } from "../auth/actor";

export const ZTestRun = z.object({
  /** The run's input: `trigger.body` in expressions, as for a manual run. */
  input: z.unknown().default({}),
  /** The draft revision on the canvas: a test of a draft someone else has changed since is refused. */
  revision: z.number().int().min(1),
});

export function testSnapshotNumber(draftRevision: number): number {
  return -draftRevision;
}

type TWorkflowRow = { id: string; teamId: string; draftGraph: Prisma.JsonValue; draftRevision: number };

async function snapshotDraft(db: TDb, principal: TPrincipal, workflow: TWorkflowRow): Promise<string> {
  const number = testSnapshotNumber(workflow.draftRevision);
  const where = { workflowId_number: { workflowId: workflow.id, number } };
  const existing = await db.workflowVersion.findUnique({ where, select: { id: true } });
  if (existing) return existing.id;
  try {
    return await db.$transaction(async (tx) => {
      const version = await tx.workflowVersion.create({
        data: {
          workflowId: workflow.id,
          number,
          graph: workflow.draftGraph as Prisma.InputJsonValue,
          note: `Test of draft revision ${workflow.draftRevision}`,
          isTestSnapshot: true,
          createdById: principal.id,
        },
        select: { id: true },
      });
      await appendAudit(tx, {
        actor: principalActor(principal),
        action: "workflow.test_snapshot_created",
        resource: { type: "workflow", id: workflow.id },
        teamId: workflow.teamId,
        data: { versionId: version.id, draftRevision: workflow.draftRevision },
      });
      return version.id;
    });
  } catch (error) {
    // Two tests of the same revision at once: the other one created the snapshot, which is the same graph.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      return (await db.workflowVersion.findUniqueOrThrow({ where, select: { id: true } })).id;
    }
    throw error;
  }
}

/**
 * The saved draft at `revision`, checked like a publish and frozen as a test snapshot (one per revision). Refused when
 * the draft has changed since (409) or has problems (400 with every problem), or when `check` refuses its graph: all
 * before a snapshot is written.
 */
export async function snapshotTestDraft(
  db: TDb,
  principal: TPrincipal,
  workflowId: string,
  revision: number,
  check: (graph: TWorkflowGraph) => void = () => undefined,
): Promise<{ versionId: string; graph: TWorkflowGraph }> {
  const workflow = await loadWorkflowFor(db, principal, workflowId, "workflow:write");
  assertCan(principal, "workflow:run", { teamId: workflow.teamId });
  if (workflow.status === "archived")
    throw new AppError("CONFLICT", "This workflow is archived; restore it before testing it.");
  if (workflow.status === "paused")
    throw new AppError("CONFLICT", "This workflow is paused: resume it to start runs, test runs included.");
  if (revision !== workflow.draftRevision) throw staleDraftError(workflow.draftRevision, revision);
  const validation = await validateWorkflow(db, { teamId: workflow.teamId, workflowId, graph: workflow.draftGraph });
  if (!validation.isValid) throw graphRefused("tested", validation.problems);
  const graph = ZWorkflowGraph.parse(workflow.draftGraph);
  check(graph);
  return { versionId: await snapshotDraft(db, principal, workflow), graph };
}

export async function startTestRun(
  deps: { db: TDb; redis: TRedis },
  principal: TPrincipal,
  workflowId: string,
  raw: z.input<typeof ZTestRun>,
): Promise<{ runId: string; versionId: string }> {
  const input = parseOrThrow(ZTestRun, raw);
  const { versionId } = await snapshotTestDraft(deps.db, principal, workflowId, input.revision);
  const { runId } = await startRun(deps, {
    workflowId,
    versionId,
    // `trigger.isTest` lets a workflow tell a test from a real run, and keeps test runs from firing event triggers.
    input: { body: input.input ?? {}, isTest: true },
    triggerType: "test",
    actor: principalActor(principal),
  });
  return { runId, versionId };
}
