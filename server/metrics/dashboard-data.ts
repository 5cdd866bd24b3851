import { z } from "zod";
import type { TDb } from "../db/client";
import { teamsWhere, type TPrincipal } from "../auth/permissions";
import { optionalId } from "../shared/query-params";
import { DASHBOARD_PERIODS, type TDashboard, type TDashboardPeriod } from "./dashboard.shared";
import { prepareDashboard, type TBucket } from "./prepare-dashboard";

const DAY_MS = 86_400_000;

export const ZDashboardFilters = z.object({
  team: optionalId(),
  period: z.enum(DASHBOARD_PERIODS).catch("30"),
});

export type TDashboardView = TDashboard & {
  filters: { team?: string; period: TDashboardPeriod };
  teams: { id: string; name: string }[];
};

/**
 * Day rollups for the selected period and the one before it (for the deltas), in the teams where the person has
 * dashboard:read. The period ends with today (UTC), which is partial.
 */
export async function loadDashboard(
  db: TDb,
  principal: TPrincipal,
  raw: unknown,
  now = new Date(),
): Promise<TDashboardView> {
  const filters = ZDashboardFilters.parse(raw ?? {});
  const readable = teamsWhere(principal, "dashboard:read");
  const teams = principal.memberships
    .filter((m) => readable.includes(m.teamId))
    .map((m) => ({ id: m.teamId, name: m.teamName }));
  const team = filters.team && readable.includes(filters.team) ? filters.team : undefined;
  const teamIds = team ? [team] : readable;

  const days = Number(filters.period);
  const todayStart = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const periodStart = new Date(todayStart - (days - 1) * DAY_MS);
  const from = new Date(periodStart.getTime() - days * DAY_MS);
  const to = new Date(todayStart + DAY_MS);

  const rows =
    teamIds.length === 0
      ? []
      : await db.metricBucket.findMany({
          where: { granularity: "day", teamId: { in: teamIds }, bucketStart: { gte: from, lt: to } },
          select: {
            bucketStart: true,
            source: true,
            workflowId: true,
            model: true,
            runs: true,
            runsFailed: true,
            tokensIn: true,
            tokensOut: true,
            costUsd: true,
            latencyMsSum: true,
            isGenerated: true,
          },
        });
  const buckets: TBucket[] = rows.map((r) => ({
    ...r,
    tokensIn: Number(r.tokensIn),
    tokensOut: Number(r.tokensOut),
    latencyMsSum: Number(r.latencyMsSum),
    costUsd: r.costUsd.toFixed(),
  }));

  const workflowIds = [...new Set(buckets.map((b) => b.workflowId).filter((id) => id !== ""))];
  const workflows = workflowIds.length
    ? await db.workflow.findMany({
        where: { id: { in: workflowIds }, teamId: { in: teamIds } },
        select: { id: true, name: true },
      })
    : [];
  const workflowNames = Object.fromEntries(workflows.map((w) => [w.id, w.name]));

  return {
    ...prepareDashboard({ buckets, periodStart, days, workflowNames }),
    filters: { team, period: filters.period },
    teams,
  };
}
