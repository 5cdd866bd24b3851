"use client";

import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import { formatCompact, formatNumber } from "@/components/format";
import type { TDashboard } from "@/server/metrics/dashboard.shared";
import { AXIS, CHART_HEIGHT, INPUT_COLOR, OUTPUT_COLOR, asNumber, tooltipStyle } from "./chart-theme";

export function TokensByModelChart({ data }: { data: TDashboard["tokensByModel"] }) {
  return (
    <BarChart
      responsive
      layout="vertical"
      style={{ width: "100%", height: CHART_HEIGHT }}
      data={data}
      margin={{ left: 8, right: 16, top: 4 }}
    >
      <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" horizontal={false} />
      <XAxis type="number" tickFormatter={(v: number) => formatCompact(v)} {...AXIS} />
      <YAxis type="category" dataKey="model" {...AXIS} width={120} />
      <Tooltip {...tooltipStyle} formatter={(v, name) => [formatNumber(asNumber(v)), name]} />
      <Legend wrapperStyle={{ fontSize: 12 }} iconType="circle" iconSize={8} itemSorter={null} />
      <Bar
        isAnimationActive={false}
        dataKey="tokensIn"
        name="Input tokens"
        stackId="tokens"
        fill={INPUT_COLOR}
        maxBarSize={22}
      />
      <Bar
        isAnimationActive={false}
        dataKey="tokensOut"
        name="Output tokens"
        stackId="tokens"
        fill={OUTPUT_COLOR}
        maxBarSize={22}
      />
    </BarChart>
  );
}
