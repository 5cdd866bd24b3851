"use client";

import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import { formatDay, formatDuration, formatDurationShort } from "@/components/format";
import type { TDashboard } from "@/server/metrics/dashboard.shared";
import { AXIS, CHART_HEIGHT, GRID, SERIES_COLORS, asNumber, tooltipStyle } from "./chart-theme";

/** Days without runs are null and drawn as gaps: an average of nothing is not zero. */
export function LatencyByDayChart({ data }: { data: TDashboard["latencyByDay"] }) {
  return (
    <LineChart
      responsive
      style={{ width: "100%", height: CHART_HEIGHT }}
      data={data}
      margin={{ left: 0, right: 8, top: 4 }}
    >
      <CartesianGrid {...GRID} />
      <XAxis dataKey="day" tickFormatter={(d: string) => formatDay(d)} {...AXIS} minTickGap={16} />
      <YAxis tickFormatter={(v: number) => formatDurationShort(v)} {...AXIS} width={48} />
      <Tooltip
        {...tooltipStyle}
        labelFormatter={(d) => formatDay(String(d))}
        formatter={(v) => [asNumber(v) === null ? "No runs" : formatDuration(asNumber(v)), "Avg latency"]}
      />
      <Line
        isAnimationActive={false}
        type="monotone"
        dataKey="avgLatencyMs"
        name="Avg latency"
        stroke={SERIES_COLORS[0]}
        strokeWidth={2}
        dot={false}
        connectNulls={false}
      />
    </LineChart>
  );
}
