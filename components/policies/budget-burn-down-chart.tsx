"use client";

import { CartesianGrid, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import { AXIS, GRID, asNumber, tooltipStyle } from "@/components/dashboard/chart-theme";
import { formatMoney } from "@/components/format";
import type { TBurnDown } from "@/server/budgets/burn-down.shared";

/** Cumulative spend this period (solid), the forecast at the average rate so far (dashed) and the amount (red line). */
export function BudgetBurnDownChart({ data, label }: { data: TBurnDown; label: string }) {
  return (
    <figure aria-label={`Burn-down of ${label}`} className="min-w-0">
      <LineChart responsive style={{ width: "100%", height: 200 }} data={data.points} margin={{ left: 0, right: 12, top: 8 }}>
        <CartesianGrid {...GRID} />
        <XAxis dataKey="key" tickFormatter={(k: string) => (k.length > 10 ? k.slice(11) : k.slice(5))} {...AXIS} minTickGap={16} />
        <YAxis domain={[0, "auto"]} tickFormatter={(v: number) => formatMoney(v)} {...AXIS} width={64} />
        <Tooltip {...tooltipStyle} formatter={(v, name) => [formatMoney(asNumber(v)), name]} />
        <ReferenceLine y={data.amount} ifOverflow="extendDomain" stroke="#ef4444" strokeDasharray="4 2" label={{ value: "Amount", fontSize: 11, fill: "#b91c1c", position: "insideTopLeft" }} />
        <Line isAnimationActive={false} type="monotone" dataKey="spent" name="Spent" stroke="#4f6bed" strokeWidth={2} dot={false} connectNulls={false} />
        <Line isAnimationActive={false} type="linear" dataKey="forecast" name="Forecast" stroke="#94a3b8" strokeWidth={2} strokeDasharray="5 4" dot={false} connectNulls={false} />
      </LineChart>
    </figure>
  );
}
