// Shared chart styling, so all dashboard charts read as one family.
export const SERIES_COLORS = ["#4f6bed", "#14b8a6", "#f59e0b", "#ec4899", "#8b5cf6", "#94a3b8"] as const;
export const SUCCESS_COLOR = "#10b981";
export const FAILURE_COLOR = "#ef4444";
export const INPUT_COLOR = "#4f6bed";
export const OUTPUT_COLOR = "#a5b4fc";
export const AXIS = { stroke: "#94a3b8", fontSize: 12, tickLine: false, axisLine: false } as const;
export const GRID = { stroke: "#e2e8f0", strokeDasharray: "3 3", vertical: false } as const;
export const CHART_HEIGHT = 260;

/** Recharts passes tooltip values as number | string | arrays; only plain numbers are ours. */
export function asNumber(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

export const tooltipStyle = {
  contentStyle: { borderRadius: 8, borderColor: "#e2e8f0", fontSize: 12 },
  labelStyle: { color: "#0f172a", fontWeight: 600 },
} as const;
