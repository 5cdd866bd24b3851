import type { Metadata } from "next";
import Link from "next/link";
import { ChartColumn, Info } from "lucide-react";
import { requirePage } from "@/app/_lib/auth";
import { BudgetAlertNotices } from "@/components/budgets/budget-alert-notices";
import { DashboardCharts } from "@/components/dashboard/dashboard-charts";
import { KpiCards } from "@/components/dashboard/kpi-cards";
import { FilterBar, SelectField } from "@/components/shell/filters";
import { EmptyState } from "@/components/shell/empty-state";
import { PageHeader } from "@/components/shell/page-header";
import { formatDate } from "@/components/format";
import { listBudgetAlertNotices } from "@/server/budgets/budget-alert-notices";
import { getDb } from "@/server/db/client";
import { loadDashboard } from "@/server/metrics/dashboard-data";
import { getRedis } from "@/server/redis/client";
import { firstValues } from "@/server/shared/query-params";

export const metadata: Metadata = { title: "Dashboard" };

const PERIOD_OPTIONS = [
  { value: "7", label: "Last 7 days" },
  { value: "14", label: "Last 14 days" },
  { value: "30", label: "Last 30 days" },
];

export default async function DashboardPage({ searchParams }: PageProps<"/dashboard">) {
  const principal = await requirePage("dashboard:read");
  const db = getDb();
  const [data, alerts] = await Promise.all([
    loadDashboard(db, principal, firstValues(await searchParams)),
    listBudgetAlertNotices({ db, redis: getRedis() }, principal),
  ]);
  const lastDay = new Date(new Date(data.periodEnd).getTime() - 1);
  return (
    <>
      <PageHeader
        title="Dashboard"
        description={`Runs, spend and model usage from ${formatDate(data.periodStart)} to ${formatDate(lastDay)} (UTC, today so far included).`}
      />
      <BudgetAlertNotices {...alerts} />
      <FilterBar clearHref="/dashboard" isFiltered={Boolean(data.filters.team) || data.filters.period !== "30"}>
        {data.teams.length > 1 ? (
          <SelectField
            name="team"
            label="Team"
            value={data.filters.team}
            allLabel="All my teams"
            options={data.teams.map((t) => ({ value: t.id, label: t.name }))}
          />
        ) : null}
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
          Period
          <select
            name="period"
            defaultValue={data.filters.period}
            className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-100"
          >
            {PERIOD_OPTIONS.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
      </FilterBar>
      {data.hasGenerated ? (
        <p className="mb-4 inline-flex items-center gap-1.5 rounded-md bg-violet-50 px-2.5 py-1 text-xs text-violet-700">
          <Info aria-hidden="true" className="h-3.5 w-3.5" />
          Includes generated demo history
        </p>
      ) : null}
      {data.hasData ? (
        <>
          <KpiCards kpis={data.kpis} days={data.days} hasComparablePrevious={data.hasComparablePrevious} />
          <DashboardCharts data={data} />
        </>
      ) : (
        <EmptyState
          icon={ChartColumn}
          title="No activity in this period"
          description="The dashboard fills in as workflows run and models are called through the gateway. Metrics are rolled up per day."
          action={
            <Link href="/workflows" className="text-sm font-medium text-brand-700 hover:underline">
              Go to workflows
            </Link>
          }
        />
      )}
    </>
  );
}
