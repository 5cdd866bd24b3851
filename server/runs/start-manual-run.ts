import { z } from "zod";
import type { TDb } from "../db/client";
import type { TRedis } from "../redis/client";
import { AppError, parseOrThrow } from "../errors";
import type { TPrincipal } from "../auth/permissions";
import { startRun } from "../engine/start-run";
import { loadWorkflowFor } from "../workflows/workflow-access";
import { principalActor } from "../auth/actor";
import { manualInput } from "../engine/trigger-input";

export const ZManualRun = z.object({
  /** The run's input: `trigger.body` in expressions. */
  input: z.unknown().default({}),
  /** A specific version of this workflow; defaults to the published one. */
  versionId: z.string().min(1).optional(),
});

/** Someone clicks Run (or calls the API): a run of the published version (or a given version of this workflow). */
export async function startManualRun(deps: { db: TDb; redis: TRedis }, principal: TPrincipal, workflowId: string, raw: unknown) {
  const { input, versionId } = parseOrThrow(ZManualRun, raw);
  const workflow = await loadWorkflowFor(deps.db, principal, workflowId, "workflow:run");
  if (workflow.status === "paused") throw new AppError("CONFLICT", "This workflow is paused: resume it to start runs.");
  if (versionId) {
    const version = await deps.db.workflowVersion.findFirst({ where: { id: versionId, workflowId }, select: { id: true } });
    if (!version) throw new AppError("NOT_FOUND", "That version does not belong to this workflow.");
  }
  return startRun(deps, { workflowId, versionId, input: manualInput(input), triggerType: "manual", actor: principalActor(principal) });
}
