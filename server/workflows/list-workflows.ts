import { z } from "zod";
import type { TDb } from "../db/client";
import { Prisma } from "../db/generated/client";
import type { WorkflowStatus } from "../db/generated/enums";
import { can, teamsWhere, type TPrincipal } from "../auth/permissions";
import { optionalEnum, optionalId, optionalText } from "../shared/query-params";
import type { TSameUnion } from "../shared/type-equal";
import { OWNER_ME, WORKFLOW_STATUSES, type TWorkflowList, type TWorkflowStatus } from "./workflow-list.shared";

const _statusesMatch: TSameUnion<TWorkflowStatus, WorkflowStatus> = true;

export const ZWorkflowFilters = z.object({
  q: optionalText(100),
  team: optionalId(),
  status: optionalEnum(WORKFLOW_STATUSES),
  /** "me" or the id of a person of the person's teams. */
  owner: optionalId(),
});

const STATS_WINDOW_MS = 7 * 24 * 3600 * 1000;
// The list is a browse view, not an export: beyond this the person should narrow the search.
const MAX_ROWS = 200;

type TStats = { runs: number; generated: number; succeeded: number; failed: number; cost: Prisma.Decimal };

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
    .map((m) => ({ id: m.teamId, name: m.teamName, canWrite: can(principal, "workflow:write", { teamId: m.teamId }) }));
  const owners = await listOwners(db, readable, principal.id);
  // Filters naming a team or a person outside the person's teams are ignored rather than widening or erroring.
  const team = filters.team && readable.includes(filters.team) ? filters.team : undefined;
  const owner =
    filters.owner === OWNER_ME || owners.some((o) => o.id === filters.owner) ? filters.owner : undefined;
  const teamIds = team ? [team] : readable;
  const base = { items: [], isTruncated: false, filters: { ...filters, team, owner }, teams, owners };
  if (teamIds.length === 0) return base;

  const where: Prisma.WorkflowWhereInput = {
    teamId: { in: teamIds },
    status: filters.status ?? { not: "archived" },
  };
  if (owner) where.createdById = owner === OWNER_ME ? principal.id : owner;
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
      createdById: true,
      team: { select: { name: true } },
      publishedVersion: { select: { number: true } },
    },
  });
  const page = workflows.slice(0, MAX_ROWS);
  const { stats, lastRun } = await loadStats(db, page.map((w) => w.id), new Date(now.getTime() - STATS_WINDOW_MS));
  const names = await ownerNames(db, page.map((w) => w.createdById), owners);

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
        ownerId: w.createdById,
        ownerName: (w.createdById && names.get(w.createdById)) ?? null,
        canWrite: can(principal, "workflow:write", { teamId: w.teamId }),
        lastRunAt: lastRun.get(w.id)?.toISOString() ?? null,
        runs7d: s?.runs ?? 0,
        generatedRuns7d: s?.generated ?? 0,
        successRate7d: s && finished > 0 ? s.succeeded / finished : null,
        costUsd7d: (s?.cost ?? new Prisma.Decimal(0)).toFixed(),
      };
    }),
  };
}

/** Other active people with a membership in any of the teams, by name ("Mine" stands for the person). */
async function listOwners(db: TDb, teamIds: string[], selfId: string): Promise<{ id: string; name: string }[]> {
  if (teamIds.length === 0) return [];
  return db.user.findMany({
    where: { id: { not: selfId }, isActive: true, memberships: { some: { teamId: { in: teamIds } } } },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    select: { id: true, name: true },
  });
}

/** Names of the creators, including people who have since left the teams or were deactivated. */
async function ownerNames(db: TDb, ids: (string | null)[], known: { id: string; name: string }[]) {
  const names = new Map(known.map((o) => [o.id, o.name]));
  const missing = [...new Set(ids.filter((id): id is string => id !== null && !names.has(id)))];
  if (missing.length > 0) {
    const rows = await db.user.findMany({ where: { id: { in: missing } }, select: { id: true, name: true } });
    for (const row of rows) names.set(row.id, row.name);
  }
  return names;
}

/**
 * Runs, success rate and last run count the workflow's real runs: test runs from the builder are left out, so a
 * builder's failing experiments do not read as production failures. Cost counts every run, tests included: it is
 * money spent.
 */
async function loadStats(db: TDb, ids: string[], since: Date) {
  const [recent, last] = await Promise.all([
    db.run.groupBy({
      by: ["workflowId", "status", "triggerType", "isGenerated"],
      where: { workflowId: { in: ids }, createdAt: { gte: since } },
      _count: { _all: true },
      _sum: { costUsd: true },
    }),
    db.run.groupBy({
      by: ["workflowId"],
      where: { workflowId: { in: ids }, triggerType: { not: "test" } },
      _max: { createdAt: true },
    }),
  ]);
  const stats = new Map<string, TStats>();
  for (const row of recent) {
    const s = stats.get(row.workflowId) ?? { runs: 0, generated: 0, succeeded: 0, failed: 0, cost: new Prisma.Decimal(0) };
    s.cost = s.cost.plus(row._sum.costUsd ?? 0);
    stats.set(row.workflowId, s);
    if (row.triggerType === "test") continue;
    s.runs += row._count._all;
    if (row.isGenerated) s.generated += row._count._all;
    if (row.status === "SUCCEEDED") s.succeeded += row._count._all;
    if (row.status === "FAILED") s.failed += row._count._all;
  }
  const lastRun = new Map(last.map((r) => [r.workflowId, r._max.createdAt]));
  return { stats, lastRun };
}
