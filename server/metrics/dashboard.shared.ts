// Isomorphic: the chart-ready dashboard data. Built by prepare-dashboard.ts on the server, drawn by client charts.

export const DASHBOARD_PERIODS = ["7", "14", "30"] as const;
export type TDashboardPeriod = (typeof DASHBOARD_PERIODS)[number];

export type TKpi<T> = { current: T; previous: T };

export type TDashboardKpis = {
  runs: TKpi<number>;
  /** null when no run finished in the period: "no data" is not 0%. */
  successRate: TKpi<number | null>;
  /** Exact decimal strings. */
  costUsd: TKpi<string>;
  tokens: TKpi<number>;
  avgLatencyMs: TKpi<number | null>;
};

export type TSeries = { key: string; label: string };

/** One point per UTC day ("YYYY-MM-DD"); series values keyed by TSeries.key. */
export type TDayPoint = { day: string } & Record<string, number | string | null>;

export type TDashboard = {
  days: number;
  periodStart: string;
  periodEnd: string;
  kpis: TDashboardKpis;
  costByDay: { series: TSeries[]; points: TDayPoint[] };
  runsByDay: { day: string; succeeded: number; failed: number }[];
  latencyByDay: { day: string; avgLatencyMs: number | null }[];
  tokensByModel: { model: string; tokensIn: number; tokensOut: number }[];
  topWorkflows: { key: string; label: string; costUsd: number }[];
  hasData: boolean;
  hasGenerated: boolean;
  /** The previous period has data on at least half of its days, so comparing with it means something. */
  hasComparablePrevious: boolean;
};
