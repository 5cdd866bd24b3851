import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { TDb } from "../db/client";
import { Prisma } from "../db/generated/client";
import { AppError, parseOrThrow } from "../errors";
import { assertCan, type TPrincipal } from "../auth/permissions";
import { appendAudit } from "../audit/append";
import { ZWorkflowGraph, EMPTY_WORKFLOW_GRAPH } from "./graph.shared";
import { userActor } from "./workflow-access";
import { graphRefused } from "./graph-errors";
import { inspectGraph } from "./validate-graph.shared";

export const ZCreateWorkflow = z.object({
  teamId: z.string().min(1, "Choose a team"),
  name: z.string().trim().min(1, "Give the workflow a name").max(120, "Keep the name under 120 characters"),
  description: z.string().trim().max(2000).default(""),
  tags: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
  graph: z.unknown().optional(),
});
export type TCreateWorkflow = z.input<typeof ZCreateWorkflow>;

export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString("hex")}`;
}

export async function createWorkflow(db: TDb, principal: TPrincipal, raw: TCreateWorkflow) {
  const input = parseOrThrow(ZCreateWorkflow, raw);
  assertCan(principal, "workflow:write", { teamId: input.teamId });
  const graph = input.graph === undefined ? EMPTY_WORKFLOW_GRAPH : input.graph;
  const parsed = ZWorkflowGraph.safeParse(graph);
  if (!parsed.success) throw graphRefused("saved", inspectGraph(graph).problems);
  try {
    return await db.$transaction(async (tx) => {
      const workflow = await tx.workflow.create({
        data: {
          teamId: input.teamId,
          name: input.name,
          description: input.description,
          tags: input.tags,
          draftGraph: parsed.data as unknown as Prisma.InputJsonValue,
          webhookSecret: newWebhookSecret(),
          createdById: principal.id,
          updatedById: principal.id,
        },
      });
      await appendAudit(tx, {
        actor: userActor(principal),
        action: "workflow.created",
        resource: { type: "workflow", id: workflow.id },
        teamId: input.teamId,
        data: { name: input.name },
      });
      return workflow;
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("CONFLICT", `This team already has a workflow named "${input.name}".`);
    }
    throw error;
  }
}
