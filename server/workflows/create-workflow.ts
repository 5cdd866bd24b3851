import { z } from "zod";
import type { TDb } from "../db/client";
import { Prisma } from "../db/generated/client";
import { AppError, parseOrThrow } from "../errors";
import { assertCan, type TPrincipal } from "../auth/permissions";
import { appendAudit } from "../audit/append";
import { ZWorkflowGraph, EMPTY_WORKFLOW_GRAPH, type TWorkflowGraph } from "./graph.shared";
import { principalActor } from "../auth/actor";
import { graphRefused } from "./graph-errors";
import { inspectGraph } from "./validate-graph.shared";
import { buildTemplateGraph, findTemplate } from "./templates";
import { newWebhookSecret } from "./new-webhook-secret";
import { lockOpenTeam } from "../teams/team-state";

export const WORKFLOW_NAME_MAX = 120;

export const ZWorkflowName = z
  .string()
  .trim()
  .min(1, "Give the workflow a name")
  .max(WORKFLOW_NAME_MAX, `Keep the name under ${WORKFLOW_NAME_MAX} characters`);
export const ZWorkflowTags = z.array(z.string().trim().min(1).max(40)).max(20);

export const ZCreateWorkflow = z
  .object({
    teamId: z.string().min(1, "Choose a team"),
    name: ZWorkflowName,
    /** Absent: the template's description when created from one, else empty. */
    description: z.string().trim().max(2000).optional(),
    tags: ZWorkflowTags.optional(),
    graph: z.unknown().optional(),
    /** Start from a template of the gallery (see templates.ts) instead of a blank or given graph. */
    templateKey: z.string().trim().min(1).max(64).optional(),
  })
  .refine((v) => v.graph === undefined || v.templateKey === undefined, {
    message: "Give either a graph or a template, not both",
    path: ["templateKey"],
  });
export type TCreateWorkflow = z.input<typeof ZCreateWorkflow>;

export { newWebhookSecret };

export async function createWorkflow(db: TDb, principal: TPrincipal, raw: TCreateWorkflow) {
  const input = parseOrThrow(ZCreateWorkflow, raw);
  assertCan(principal, "workflow:write", { teamId: input.teamId });
  const template = input.templateKey === undefined ? null : findTemplate(input.templateKey);
  let graph: TWorkflowGraph;
  if (template) graph = await buildTemplateGraph(db, input.teamId, template);
  else {
    const given = input.graph === undefined ? EMPTY_WORKFLOW_GRAPH : input.graph;
    const parsed = ZWorkflowGraph.safeParse(given);
    if (!parsed.success) throw graphRefused("saved", inspectGraph(given).problems);
    graph = parsed.data;
  }
  return insertWorkflow(db, principal, {
    teamId: input.teamId,
    name: input.name,
    description: input.description ?? template?.description ?? "",
    tags: input.tags ?? (template ? [...template.tags] : []),
    graph,
    templateKey: template?.key ?? null,
    audit: { action: "workflow.created", data: template ? { templateKey: template.key } : {} },
  });
}

export type TNewWorkflow = {
  teamId: string;
  name: string;
  description: string;
  tags: string[];
  graph: TWorkflowGraph;
  templateKey?: string | null;
  /** The audit event of this creation (created, duplicated, imported) and what it records besides the name. */
  audit: { action: string; data: Record<string, unknown> };
};

/** Writes a new draft workflow (authorization already checked) and its audit event in one transaction. */
export async function insertWorkflow(db: TDb, principal: TPrincipal, w: TNewWorkflow) {
  try {
    return await db.$transaction(async (tx) => {
      // The permission check already refuses an archived team; this holds it against an archive at the same moment.
      await lockOpenTeam(tx, w.teamId);
      const workflow = await tx.workflow.create({
        data: {
          teamId: w.teamId,
          name: w.name,
          description: w.description,
          tags: w.tags,
          draftGraph: w.graph as unknown as Prisma.InputJsonValue,
          webhookSecret: newWebhookSecret(),
          templateKey: w.templateKey ?? null,
          createdById: principal.id,
          updatedById: principal.id,
        },
      });
      await appendAudit(tx, {
        actor: principalActor(principal),
        action: w.audit.action,
        resource: { type: "workflow", id: workflow.id },
        teamId: w.teamId,
        data: { name: w.name, ...w.audit.data },
      });
      return workflow;
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("CONFLICT", `This team already has a workflow named "${w.name}".`, {
        issues: [{ path: "name", message: "Another workflow of this team has this name" }],
      });
    }
    throw error;
  }
}

/** `base`, or `base (2)`, `base (3)`… whichever the team does not use yet, within the name length limit. */
export async function availableName(db: TDb, teamId: string, base: string): Promise<string> {
  const trimmed = base.slice(0, WORKFLOW_NAME_MAX - 5).trim();
  const taken = new Set(
    (
      await db.workflow.findMany({ where: { teamId, name: { startsWith: trimmed } }, select: { name: true } })
    ).map((w) => w.name),
  );
  if (!taken.has(trimmed)) return trimmed;
  for (let n = 2; ; n += 1) if (!taken.has(`${trimmed} (${n})`)) return `${trimmed} (${n})`;
}
