// The circuit breaker thresholds as the Settings form edits them (one row per target, seconds and percent as typed)
// and back to what the API takes. Pure, so it is unit-tested.
import type { TBreakerSettings, TBreakerThresholds } from "@/server/net/breaker-settings.shared";

export type TThresholdRow = {
  /** Stable React key. */
  id: string;
  kind: "default" | "host" | "provider";
  /** The host (with an optional :port) or the provider's id; "" for the defaults. */
  target: string;
  failures: string;
  windowSeconds: string;
  coolDownSeconds: string;
  /** Percent; empty means no failure-rate rule. */
  ratePercent: string;
  minRequests: string;
};

const seconds = (ms: number) => String(ms / 1000);

function toRow(id: string, kind: TThresholdRow["kind"], target: string, t: TBreakerThresholds): TThresholdRow {
  return {
    id,
    kind,
    target,
    failures: String(t.failureThreshold),
    windowSeconds: seconds(t.windowMs),
    coolDownSeconds: seconds(t.coolDownMs),
    ratePercent: t.failureRate ? String(Math.round(t.failureRate.threshold * 10_000) / 100) : "",
    minRequests: t.failureRate ? String(t.failureRate.minRequests) : "",
  };
}

export function toRows(settings: TBreakerSettings): TThresholdRow[] {
  return [
    toRow("defaults", "default", "", settings.defaults),
    ...settings.overrides.map((o, i) => {
      const isProvider = o.key.startsWith("provider:");
      return toRow(`o${i}-${o.key}`, isProvider ? "provider" : "host", o.key.replace(/^(host|provider):/, ""), o);
    }),
  ];
}

/** A number as typed; anything else becomes NaN, which the API refuses naming the field. */
const num = (text: string) => (text.trim() === "" ? Number.NaN : Number(text));

function toThresholds(row: TThresholdRow): TBreakerThresholds {
  const rate = row.ratePercent.trim();
  return {
    failureThreshold: num(row.failures),
    windowMs: Math.round(num(row.windowSeconds) * 1000),
    coolDownMs: Math.round(num(row.coolDownSeconds) * 1000),
    failureRate: rate === "" ? null : { threshold: num(rate) / 100, minRequests: num(row.minRequests) },
  };
}

export function fromRows(rows: TThresholdRow[]): TBreakerSettings {
  const defaults = rows.find((r) => r.kind === "default");
  if (!defaults) throw new Error("The defaults row is missing.");
  return {
    defaults: toThresholds(defaults),
    overrides: rows.filter((r) => r.kind !== "default").map((r) => ({ key: `${r.kind}:${r.target.trim()}`, ...toThresholds(r) })),
  };
}

/** "Row 2 (api.example.com): The cool-down is at least 100 ms." for an issue at `overrides.0.coolDownMs`. */
export function describeIssue(path: string, message: string, rows: TThresholdRow[], providerName: (id: string) => string): string {
  if (path.startsWith("defaults")) return `Defaults: ${message}`;
  const match = /^overrides\.(\d+)/.exec(path);
  const row = match ? rows.filter((r) => r.kind !== "default")[Number(match[1])] : undefined;
  if (!row) return message;
  const label = row.kind === "provider" ? providerName(row.target) : row.target.trim() || "new host";
  return `${label}: ${message}`;
}
