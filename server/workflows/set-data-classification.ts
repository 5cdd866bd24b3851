// A workflow's data classification (public < internal < confidential < restricted): what data it handles, which model
// rules may restrict models by. Builders may raise it; lowering it could take a workflow out from under a rule, so
// only an admin of its team (or of the organisation) may.
import { z } from "zod";
import type { TDb } from "../db/client";
import { AppError, parseOrThrow } from "../errors";
import { can, type TPrincipal } from "../auth/permissions";
import { appendAudit } from "../audit/append";
import { DATA_CLASSIFICATIONS } from "../policy/document";
import { loadWorkflowFor } from "./workflow-access";
import { principalActor } from "../auth/actor";

export const ZDataClassificationChange = z.object({ dataClassification: z.enum(DATA_CLASSIFICATIONS) });

export async function setDataClassification(db: TDb, principal: TPrincipal, workflowId: string, raw: unknown) {
  const { dataClassification } = parseOrThrow(ZDataClassificationChange, raw);
  const workflow = await loadWorkflowFor(db, principal, workflowId, "workflow:write");
  const from = workflow.dataClassification;
  if (from === dataClassification) return { dataClassification };
  const isLowering = DATA_CLASSIFICATIONS.indexOf(dataClassification) < DATA_CLASSIFICATIONS.indexOf(from);
  if (isLowering && !can(principal, "team:administer", { teamId: workflow.teamId })) {
    throw new AppError("FORBIDDEN", `Only an admin of this team can lower the data classification (from ${from} to ${dataClassification}).`);
  }
  await db.$transaction(async (tx) => {
    await tx.workflow.update({ where: { id: workflowId }, data: { dataClassification, updatedById: principal.id } });
    await appendAudit(tx, {
      actor: principalActor(principal),
      action: "workflow.classified",
      resource: { type: "workflow", id: workflowId },
      teamId: workflow.teamId,
      data: { before: from, after: dataClassification },
    });
  });
  return { dataClassification };
}
