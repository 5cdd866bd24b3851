"use client";

import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import { formatDay, formatMoney } from "@/components/format";
import type { TDashboard } from "@/server/metrics/dashboard.shared";
import { AXIS, CHART_HEIGHT, GRID, SERIES_COLORS, asNumber, tooltipStyle } from "./chart-theme";

export function CostByDayChart({ data }: { data: TDashboard["costByDay"] }) {
  return (
    <BarChart
      responsive
      style={{ width: "100%", height: CHART_HEIGHT }}
      data={data.points}
      margin={{ left: 0, right: 8, top: 4 }}
    >
      <CartesianGrid {...GRID} />
      <XAxis dataKey="day" tickFormatter={(d: string) => formatDay(d)} {...AXIS} minTickGap={16} />
      <YAxis tickFormatter={(v: number) => formatMoney(v)} {...AXIS} width={64} />
      <Tooltip
        {...tooltipStyle}
        labelFormatter={(d) => formatDay(String(d))}
        formatter={(v, name) => [formatMoney(asNumber(v)), name]}
      />
      <Legend wrapperStyle={{ fontSize: 12 }} iconType="circle" iconSize={8} itemSorter={null} />
      {data.series.map((s, i) => (
        <Bar
          isAnimationActive={false}
          key={s.key}
          dataKey={s.key}
          name={s.label}
          stackId="cost"
          fill={SERIES_COLORS[i % SERIES_COLORS.length]}
          maxBarSize={28}
        />
      ))}
    </BarChart>
  );
}
