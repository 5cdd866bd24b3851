"use client";

import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import { formatDay, formatNumber } from "@/components/format";
import type { TDashboard } from "@/server/metrics/dashboard.shared";
import { AXIS, CHART_HEIGHT, FAILURE_COLOR, GRID, SUCCESS_COLOR, asNumber, tooltipStyle } from "./chart-theme";

export function RunsByDayChart({ data }: { data: TDashboard["runsByDay"] }) {
  return (
    <BarChart
      responsive
      style={{ width: "100%", height: CHART_HEIGHT }}
      data={data}
      margin={{ left: 0, right: 8, top: 4 }}
    >
      <CartesianGrid {...GRID} />
      <XAxis dataKey="day" tickFormatter={(d: string) => formatDay(d)} {...AXIS} minTickGap={16} />
      <YAxis allowDecimals={false} {...AXIS} width={48} />
      <Tooltip
        {...tooltipStyle}
        labelFormatter={(d) => formatDay(String(d))}
        formatter={(v, name) => [formatNumber(asNumber(v)), name]}
      />
      <Legend wrapperStyle={{ fontSize: 12 }} iconType="circle" iconSize={8} itemSorter={null} />
      <Bar
        isAnimationActive={false}
        dataKey="succeeded"
        name="Succeeded"
        stackId="runs"
        fill={SUCCESS_COLOR}
        maxBarSize={28}
      />
      <Bar
        isAnimationActive={false}
        dataKey="failed"
        name="Failed"
        stackId="runs"
        fill={FAILURE_COLOR}
        maxBarSize={28}
      />
    </BarChart>
  );
}
