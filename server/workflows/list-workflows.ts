import { z } from "zod";
import type { TDb } from "../db/client";
import { Prisma } from "../db/generated/client";
import type { WorkflowStatus } from "../db/generated/enums";
import { teamsWhere, type TPrincipal } from "../auth/permissions";
import { optionalEnum, optionalId, optionalText } from "../shared/query-params";
import type { TSameUnion } from "../shared/type-equal";
import { WORKFLOW_STATUSES, type TWorkflowList, type TWorkflowStatus } from "./workflow-list.shared";

const _statusesMatch: TSameUnion<TWorkflowStatus, WorkflowStatus> = true;

export const ZWorkflowFilters = z.object({
  q: optionalText(100),
  team: optionalId(),
  status: optionalEnum(WORKFLOW_STATUSES),
});

const STATS_WINDOW_MS = 7 * 24 * 3600 * 1000;
// The list is a browse view, not an export: beyond this the person should narrow the search.
const MAX_ROWS = 200;

/** Workflows in the teams where the person has workflow:read, with 7-day run statistics. */
export async function listWorkflows(
  db: TDb,
  principal: TPrincipal,
  raw: unknown,
  now = new Date(),
): Promise<TWorkflowList> {
  const filters = ZWorkflowFilters.parse(raw ?? {});
  const readable = teamsWhere(principal, "workflow:read");
  const teams = principal.memberships
    .filter((m) => readable.includes(m.teamId))
    .map((m) => ({ id: m.teamId, name: m.teamName }));
  // A team filter outside the person's teams is ignored rather than widening or erroring.
  const team = filters.team && readable.includes(filters.team) ? filters.team : undefined;
  const teamIds = team ? [team] : readable;
  const base = { items: [], isTruncated: false, filters: { ...filters, team }, teams };
  if (teamIds.length === 0) return base;

  const where: Prisma.WorkflowWhereInput = { teamId: { in: teamIds } };
  if (filters.status) where.status = filters.status;
  if (filters.q) {
    where.OR = [
      { name: { contains: filters.q, mode: "insensitive" } },
      { description: { contains: filters.q, mode: "insensitive" } },
      { tags: { has: filters.q } },
    ];
  }
  const workflows = await db.workflow.findMany({
    where,
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: MAX_ROWS + 1,
    select: {
      id: true,
      name: true,
      description: true,
      status: true,
      tags: true,
      teamId: true,
      team: { select: { name: true } },
      publishedVersion: { select: { number: true } },
    },
  });
  const page = workflows.slice(0, MAX_ROWS);
  const ids = page.map((w) => w.id);
  const since = new Date(now.getTime() - STATS_WINDOW_MS);
  const [recent, last] = await Promise.all([
    db.run.groupBy({
      by: ["workflowId", "status"],
      where: { workflowId: { in: ids }, createdAt: { gte: since } },
      _count: { _all: true },
      _sum: { costUsd: true },
    }),
    db.run.groupBy({ by: ["workflowId"], where: { workflowId: { in: ids } }, _max: { createdAt: true } }),
  ]);

  const stats = new Map<string, { runs: number; succeeded: number; failed: number; cost: Prisma.Decimal }>();
  for (const row of recent) {
    const s = stats.get(row.workflowId) ?? { runs: 0, succeeded: 0, failed: 0, cost: new Prisma.Decimal(0) };
    s.runs += row._count._all;
    if (row.status === "SUCCEEDED") s.succeeded += row._count._all;
    if (row.status === "FAILED") s.failed += row._count._all;
    s.cost = s.cost.plus(row._sum.costUsd ?? 0);
    stats.set(row.workflowId, s);
  }
  const lastRun = new Map(last.map((r) => [r.workflowId, r._max.createdAt]));

  return {
    ...base,
    isTruncated: workflows.length > MAX_ROWS,
    items: page.map((w) => {
      const s = stats.get(w.id);
      const finished = s ? s.succeeded + s.failed : 0;
      return {
        id: w.id,
        name: w.name,
        description: w.description,
        teamId: w.teamId,
        teamName: w.team.name,
        status: w.status,
        publishedVersion: w.publishedVersion?.number ?? null,
        tags: w.tags,
        lastRunAt: lastRun.get(w.id)?.toISOString() ?? null,
        runs7d: s?.runs ?? 0,
        successRate7d: s && finished > 0 ? s.succeeded / finished : null,
        costUsd7d: (s?.cost ?? new Prisma.Decimal(0)).toFixed(),
      };
    }),
  };
}
