import { z } from "zod";
import type { TDb } from "../db/client";
import type { Prisma } from "../db/generated/client";
import type { RunStatus, TriggerType } from "../db/generated/enums";
import { teamsWhere, type TPrincipal } from "../auth/permissions";
import { ZPage, optionalEnum, optionalId } from "../shared/query-params";
import type { TSameUnion } from "../shared/type-equal";
import { RUN_STATUSES, type TRunList, type TRunStatus, type TTriggerType } from "./run-list.shared";

const _statusesMatch: TSameUnion<TRunStatus, RunStatus> = true;
const _triggersMatch: TSameUnion<TTriggerType, TriggerType> = true;

export const RUNS_PAGE_SIZE = 50;

export const ZRunFilters = z.object({
  status: optionalEnum(RUN_STATUSES),
  workflow: optionalId(),
  page: ZPage,
});

/** Recent runs in the teams where the person has run:read, newest first, 50 per page. */
export async function listRuns(db: TDb, principal: TPrincipal, raw: unknown): Promise<TRunList> {
  const { status, workflow, page } = ZRunFilters.parse(raw ?? {});
  const teamIds = teamsWhere(principal, "run:read");
  if (teamIds.length === 0) return { items: [], page: 1, pageCount: 1, total: 0, filters: {}, workflows: [] };

  // The team condition always applies, so a workflow id from another team simply matches nothing.
  const where: Prisma.RunWhereInput = { teamId: { in: teamIds } };
  if (status) where.status = status;
  if (workflow) where.workflowId = workflow;

  const [total, workflows] = await Promise.all([
    db.run.count({ where }),
    db.workflow.findMany({
      where: { teamId: { in: teamIds } },
      orderBy: [{ name: "asc" }, { id: "asc" }],
      select: { id: true, name: true, team: { select: { name: true } } },
    }),
  ]);
  const pageCount = Math.max(1, Math.ceil(total / RUNS_PAGE_SIZE));
  // A page past the end shows the last page instead of an empty table.
  const current = Math.min(page, pageCount);
  const rows = await db.run.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: (current - 1) * RUNS_PAGE_SIZE,
    take: RUNS_PAGE_SIZE,
    select: {
      id: true,
      workflowId: true,
      status: true,
      triggerType: true,
      queuedAt: true,
      startedAt: true,
      durationMs: true,
      costUsd: true,
      tokensIn: true,
      tokensOut: true,
      isGenerated: true,
      workflowVersion: { select: { isTestSnapshot: true } },
      workflow: { select: { name: true } },
      team: { select: { name: true } },
    },
  });

  return {
    page: current,
    pageCount,
    total,
    filters: { status, workflow: workflows.some((w) => w.id === workflow) ? workflow : undefined },
    workflows: workflows.map((w) => ({ id: w.id, name: w.name, teamName: w.team.name })),
    items: rows.map((r) => ({
      id: r.id,
      workflowId: r.workflowId,
      workflowName: r.workflow.name,
      teamName: r.team.name,
      status: r.status,
      triggerType: r.triggerType,
      startedAt: (r.startedAt ?? r.queuedAt).toISOString(),
      durationMs: r.durationMs,
      costUsd: r.costUsd.toFixed(),
      tokens: r.tokensIn + r.tokensOut,
      isGenerated: r.isGenerated,
      isTestRun: r.workflowVersion.isTestSnapshot,
    })),
  };
}
