// Publishing: the draft becomes an immutable, numbered version that new runs pin. Refused with every problem when the
// graph is not valid.
import { z } from "zod";
import type { TDb } from "../db/client";
import { Prisma } from "../db/generated/client";
import { AppError, parseOrThrow } from "../errors";
import type { TPrincipal } from "../auth/permissions";
import { appendAudit } from "../audit/append";
import { loadWorkflowFor, staleDraftError } from "./workflow-access";
import { principalActor } from "../auth/actor";
import { graphRefused } from "./graph-errors";
import { validateWorkflow } from "./validate-workflow";
import { syncWorkflowSchedule } from "../engine/schedules";
import { modelPolicyProblems } from "../governance/publish-check";
import { policyLookups } from "../governance/default-deps";

export const ZPublish = z.object({
  note: z.string().trim().max(500).default(""),
  /** When given, publishing a draft other than the one the person reviewed is refused. */
  revision: z.number().int().min(1).optional(),
});

export async function publishWorkflow(db: TDb, principal: TPrincipal, workflowId: string, raw: z.input<typeof ZPublish>) {
  const input = parseOrThrow(ZPublish, raw);
  const workflow = await loadWorkflowFor(db, principal, workflowId, "workflow:publish");
  if (workflow.status === "archived") throw new AppError("CONFLICT", "This workflow is archived; restore it before publishing.");
  if (input.revision !== undefined && input.revision !== workflow.draftRevision) {
    throw staleDraftError(
      workflow.draftRevision,
      input.revision,
      "The draft changed since you reviewed it. Review the latest draft before publishing.",
    );
  }
  const validation = await validateWorkflow(db, { teamId: workflow.teamId, workflowId, graph: workflow.draftGraph });
  if (!validation.isValid) throw graphRefused("published", validation.problems);
  // The models rules of the policies covering this workflow, checked now (and again at run time).
  const refused = await modelPolicyProblems(policyLookups(db), {
    teamId: workflow.teamId,
    workflowId,
    dataClassification: workflow.dataClassification,
    graph: workflow.draftGraph,
  });
  if (refused.length > 0) throw graphRefused("published", refused);
  const published = await db.$transaction(async (tx) => {
    const last = await tx.workflowVersion.findFirst({ where: { workflowId, isTestSnapshot: false }, orderBy: { number: "desc" }, select: { number: true } });
    const version = await tx.workflowVersion.create({
      data: {
        workflowId,
        number: (last?.number ?? 0) + 1,
        graph: workflow.draftGraph as Prisma.InputJsonValue,
        note: input.note,
        createdById: principal.id,
      },
    });
    await tx.workflow.update({
      where: { id: workflowId },
      data: { publishedVersionId: version.id, status: workflow.status === "paused" ? "paused" : "published", updatedById: principal.id },
    });
    await appendAudit(tx, {
      actor: principalActor(principal),
      action: "workflow.published",
      resource: { type: "workflow", id: workflowId },
      teamId: workflow.teamId,
      data: { version: version.number, note: input.note, draftRevision: workflow.draftRevision },
    });
    return { versionId: version.id, number: version.number };
  });
  await syncWorkflowSchedule(db, workflowId);
  return published;
}
