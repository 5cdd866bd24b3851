import type { TDashboard } from "@/server/metrics/dashboard.shared";
import { ChartCard, ChartEmpty } from "./chart-card";
import { CostByDayChart } from "./cost-by-day-chart";
import { LatencyByDayChart } from "./latency-by-day-chart";
import { RunsByDayChart } from "./runs-by-day-chart";
import { TokensByModelChart } from "./tokens-by-model-chart";
import { TopWorkflowsChart } from "./top-workflows-chart";

export function DashboardCharts({ data }: { data: TDashboard }) {
  return (
    <div className="mt-4 grid gap-4 lg:grid-cols-2">
      <ChartCard
        title="Cost per day"
        description="Stacked by workflow; direct gateway calls shown separately"
        className="lg:col-span-2"
      >
        {data.costByDay.series.length ? (
          <CostByDayChart data={data.costByDay} />
        ) : (
          <ChartEmpty>No spend in this period</ChartEmpty>
        )}
      </ChartCard>
      <ChartCard title="Runs per day" description="Succeeded vs failed">
        <RunsByDayChart data={data.runsByDay} />
      </ChartCard>
      <ChartCard
        title="Average run latency"
        description="Queue to finish, including approval waits; gaps are days without runs"
      >
        <LatencyByDayChart data={data.latencyByDay} />
      </ChartCard>
      <ChartCard title="Tokens by model" description="Input and output tokens in this period">
        {data.tokensByModel.length ? (
          <TokensByModelChart data={data.tokensByModel} />
        ) : (
          <ChartEmpty>No model calls in this period</ChartEmpty>
        )}
      </ChartCard>
      <ChartCard title="Top workflows by cost" description="This period">
        {data.topWorkflows.length ? (
          <TopWorkflowsChart data={data.topWorkflows} />
        ) : (
          <ChartEmpty>No spend in this period</ChartEmpty>
        )}
      </ChartCard>
    </div>
  );
}
