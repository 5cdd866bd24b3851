// Pure: turns day buckets into chart data. Conventions, stated once here:
// - counters (runs, cost, tokens) on a day without buckets are 0: nothing ran, which is a fact;
// - ratios and averages (success rate, latency) on such a day are null: there is nothing to average, and a chart
//   must show a gap there, not a misleading 0;
// - workflow rows partition a (day, team, workflow): the model "" row carries the runs (runs, runsFailed, and
//   latencyMsSum over run durations); model rows carry the steps that called a model (tokens, cost, and latencyMsSum
//   over those steps, which is step latency and must not be mixed into run latency);
// - gateway rows (direct API calls) add cost and tokens but are not workflow runs.
import { toUnits, unitsToNumber, unitsToString } from "./decimal-units";
import type { TDashboard, TDashboardKpis, TDayPoint, TSeries } from "./dashboard.shared";

export type TBucket = {
  bucketStart: Date;
  source: "workflow" | "gateway";
  workflowId: string;
  model: string;
  runs: number;
  runsFailed: number;
  tokensIn: number;
  tokensOut: number;
  costUsd: string;
  latencyMsSum: number;
  isGenerated: boolean;
};

export type TPrepareInput = {
  buckets: TBucket[];
  /** UTC midnight of the first day of the selected period. */
  periodStart: Date;
  days: number;
  workflowNames: Record<string, string>;
};

const DAY_MS = 86_400_000;
const MAX_STACKED = 5;
const MAX_BARS = 8;
export const GATEWAY_LABEL = "Direct API (gateway)";
const OTHER_KEY = "other";

export const dayKey = (d: Date): string => d.toISOString().slice(0, 10);

type TTotals = { runs: number; failed: number; cost: bigint; tokens: number; latencySum: number };
const emptyTotals = (): TTotals => ({ runs: 0, failed: 0, cost: 0n, tokens: 0, latencySum: 0 });

function addTo(t: TTotals, b: TBucket): void {
  t.cost += toUnits(b.costUsd);
  t.tokens += b.tokensIn + b.tokensOut;
  if (b.source !== "workflow" || b.model !== "") return;
  t.runs += b.runs;
  t.failed += b.runsFailed;
  t.latencySum += b.latencyMsSum;
}

const successRate = (t: TTotals): number | null => (t.runs > 0 ? (t.runs - t.failed) / t.runs : null);
const avgLatency = (t: TTotals): number | null => (t.runs > 0 ? t.latencySum / t.runs : null);

function kpis(cur: TTotals, prev: TTotals): TDashboardKpis {
  return {
    runs: { current: cur.runs, previous: prev.runs },
    successRate: { current: successRate(cur), previous: successRate(prev) },
    costUsd: { current: unitsToString(cur.cost), previous: unitsToString(prev.cost) },
    tokens: { current: cur.tokens, previous: prev.tokens },
    avgLatencyMs: { current: avgLatency(cur), previous: avgLatency(prev) },
  };
}

const workflowKey = (b: TBucket): string => (b.workflowId === "" ? "gateway" : b.workflowId);

export function prepareDashboard({ buckets, periodStart, days, workflowNames }: TPrepareInput): TDashboard {
  const start = periodStart.getTime();
  const end = start + days * DAY_MS;
  const prevStart = start - days * DAY_MS;
  const dayKeys = Array.from({ length: days }, (_, i) => dayKey(new Date(start + i * DAY_MS)));

  const current = emptyTotals();
  const previous = emptyTotals();
  const perDay = new Map(dayKeys.map((k) => [k, emptyTotals()]));
  const costPerDayByWorkflow = new Map<string, Map<string, bigint>>(dayKeys.map((k) => [k, new Map()]));
  const costByWorkflow = new Map<string, bigint>();
  const tokensByModel = new Map<string, { tokensIn: number; tokensOut: number }>();
  const previousDays = new Set<string>();
  let hasData = false;
  let hasGenerated = false;

  for (const b of buckets) {
    const t = b.bucketStart.getTime();
    if (t < prevStart || t >= end) continue;
    hasGenerated ||= b.isGenerated;
    if (t < start) {
      addTo(previous, b);
      previousDays.add(dayKey(b.bucketStart));
      continue;
    }
    hasData = true;
    const day = dayKey(b.bucketStart);
    addTo(current, b);
    const dayTotals = perDay.get(day);
    if (dayTotals) addTo(dayTotals, b);
    const key = workflowKey(b);
    const units = toUnits(b.costUsd);
    costByWorkflow.set(key, (costByWorkflow.get(key) ?? 0n) + units);
    const dayCosts = costPerDayByWorkflow.get(day);
    dayCosts?.set(key, (dayCosts.get(key) ?? 0n) + units);
    if (b.model !== "") {
      const m = tokensByModel.get(b.model) ?? { tokensIn: 0, tokensOut: 0 };
      m.tokensIn += b.tokensIn;
      m.tokensOut += b.tokensOut;
      tokensByModel.set(b.model, m);
    }
  }

  const label = (key: string): string =>
    key === "gateway" ? GATEWAY_LABEL : (workflowNames[key] ?? "Deleted workflow");
  const ranked = [...costByWorkflow.entries()]
    .filter(([, c]) => c > 0n)
    .sort((a, b) => (b[1] > a[1] ? 1 : b[1] < a[1] ? -1 : 0));
  const stacked = ranked.slice(0, MAX_STACKED).map(([key]) => key);
  const series: TSeries[] = stacked.map((key) => ({ key, label: label(key) }));
  if (ranked.length > MAX_STACKED) series.push({ key: OTHER_KEY, label: "Other workflows" });

  const costPoints: TDayPoint[] = dayKeys.map((day) => {
    const point: TDayPoint = { day };
    for (const s of series) point[s.key] = 0;
    for (const [key, units] of costPerDayByWorkflow.get(day) ?? []) {
      const target = stacked.includes(key) ? key : OTHER_KEY;
      if (target in point) point[target] = (point[target] as number) + unitsToNumber(units);
    }
    return point;
  });

  return {
    days,
    periodStart: new Date(start).toISOString(),
    periodEnd: new Date(end).toISOString(),
    kpis: kpis(current, previous),
    costByDay: { series, points: costPoints },
    runsByDay: dayKeys.map((day) => {
      const t = perDay.get(day) ?? emptyTotals();
      return { day, succeeded: t.runs - t.failed, failed: t.failed };
    }),
    latencyByDay: dayKeys.map((day) => ({ day, avgLatencyMs: avgLatency(perDay.get(day) ?? emptyTotals()) })),
    tokensByModel: [...tokensByModel.entries()]
      .map(([model, v]) => ({ model, ...v }))
      .sort((a, b) => b.tokensIn + b.tokensOut - (a.tokensIn + a.tokensOut))
      .slice(0, MAX_BARS),
    topWorkflows: ranked
      .slice(0, MAX_BARS)
      .map(([key, units]) => ({ key, label: label(key), costUsd: unitsToNumber(units) })),
    hasData,
    hasGenerated,
    // A period that history only grazes (e.g. the first day of a 30-day demo history) would give absurd deltas.
    hasComparablePrevious: previousDays.size >= Math.ceil(days / 2),
  };
}
