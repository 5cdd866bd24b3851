"use client";

import { Bar, BarChart, CartesianGrid, Cell, Tooltip, XAxis, YAxis } from "recharts";
import { formatMoney } from "@/components/format";
import type { TDashboard } from "@/server/metrics/dashboard.shared";
import { AXIS, CHART_HEIGHT, SERIES_COLORS, asNumber, tooltipStyle } from "./chart-theme";

export function TopWorkflowsChart({ data }: { data: TDashboard["topWorkflows"] }) {
  return (
    <BarChart
      responsive
      layout="vertical"
      style={{ width: "100%", height: CHART_HEIGHT }}
      data={data}
      margin={{ left: 8, right: 16, top: 4 }}
    >
      <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" horizontal={false} />
      <XAxis type="number" tickFormatter={(v: number) => formatMoney(v)} {...AXIS} />
      <YAxis type="category" dataKey="label" {...AXIS} width={140} />
      <Tooltip {...tooltipStyle} formatter={(v) => [formatMoney(asNumber(v)), "Cost"]} />
      <Bar isAnimationActive={false} dataKey="costUsd" name="Cost" maxBarSize={22}>
        {data.map((w, i) => (
          <Cell key={w.key} fill={SERIES_COLORS[i % (SERIES_COLORS.length - 1)]} />
        ))}
      </Bar>
    </BarChart>
  );
}
