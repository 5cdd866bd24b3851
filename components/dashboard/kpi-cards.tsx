import { ArrowDownRight, ArrowUpRight, Minus } from "lucide-react";
import clsx from "clsx";
import {
  formatCompact,
  formatDuration,
  formatMoney,
  formatNumber,
  formatPercent,
  relativeChange,
} from "@/components/format";
import type { TDashboardKpis } from "@/server/metrics/dashboard.shared";

type TDirection = "up-good" | "up-bad" | "neutral";
type TDelta = { text: string; sign: -1 | 0 | 1 } | null;

function deltaOf(current: number | null, previous: number | null): TDelta {
  const change = relativeChange(current, previous);
  if (change === null) return null;
  return { text: formatPercent(Math.abs(change)), sign: change > 0.0005 ? 1 : change < -0.0005 ? -1 : 0 };
}

/** Success rate moves in percentage points, not percent of a percent. */
function pointsDelta(current: number | null, previous: number | null): TDelta {
  if (current === null || previous === null) return null;
  const diff = (current - previous) * 100;
  return { text: `${Math.abs(diff).toFixed(1)} pts`, sign: diff > 0.05 ? 1 : diff < -0.05 ? -1 : 0 };
}

function Delta({ delta, direction, days }: { delta: TDelta; direction: TDirection; days: number }) {
  if (!delta) return <p className="mt-1 text-xs text-slate-400">Not enough history for the prior {days} days</p>;
  const isGood = direction === "neutral" || delta.sign === 0 ? null : delta.sign > 0 === (direction === "up-good");
  const Icon = delta.sign > 0 ? ArrowUpRight : delta.sign < 0 ? ArrowDownRight : Minus;
  return (
    <p className="mt-1 flex flex-wrap items-center gap-x-1 text-xs text-slate-500">
      <span
        className={clsx(
          "inline-flex items-center whitespace-nowrap font-medium",
          isGood === null ? "text-slate-600" : isGood ? "text-emerald-600" : "text-red-600",
        )}
      >
        <Icon aria-hidden="true" className="h-3.5 w-3.5" />
        {delta.sign < 0 ? "−" : delta.sign > 0 ? "+" : ""}
        {delta.text}
      </span>
      <span className="whitespace-nowrap">vs prior {days} days</span>
    </p>
  );
}

type TProps = { kpis: TDashboardKpis; days: number; hasComparablePrevious: boolean };

export function KpiCards({ kpis, days, hasComparablePrevious }: TProps) {
  const cards = [
    {
      label: "Runs",
      value: formatNumber(kpis.runs.current),
      delta: deltaOf(kpis.runs.current, kpis.runs.previous),
      direction: "neutral" as const,
    },
    {
      label: "Success rate",
      value: formatPercent(kpis.successRate.current),
      delta: pointsDelta(kpis.successRate.current, kpis.successRate.previous),
      direction: "up-good" as const,
    },
    {
      label: "Total cost",
      value: formatMoney(kpis.costUsd.current),
      delta: deltaOf(Number(kpis.costUsd.current), Number(kpis.costUsd.previous)),
      direction: "up-bad" as const,
    },
    {
      label: "Tokens",
      value: formatCompact(kpis.tokens.current),
      delta: deltaOf(kpis.tokens.current, kpis.tokens.previous),
      direction: "neutral" as const,
    },
    {
      label: "Avg run latency",
      value: formatDuration(kpis.avgLatencyMs.current),
      delta: deltaOf(kpis.avgLatencyMs.current, kpis.avgLatencyMs.previous),
      direction: "up-bad" as const,
    },
  ];
  return (
    <dl className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-5">
      {cards.map((c) => (
        <div key={c.label} className="rounded-lg border border-slate-200 bg-white p-4">
          <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{c.label}</dt>
          <dd>
            <span className="mt-1 block text-2xl font-semibold tabular-nums text-slate-900">{c.value}</span>
            <Delta delta={hasComparablePrevious ? c.delta : null} direction={c.direction} days={days} />
          </dd>
        </div>
      ))}
    </dl>
  );
}
