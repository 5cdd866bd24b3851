// What the publish dialog says about the expected cost of one run: pure, so the figures are tested.
import { formatMoney, formatNumber } from "@/components/format";
import type { TCostEstimate } from "@/server/workflows/editor.shared";

export type TCostRow = {
  nodeId: string;
  label: string;
  model: string;
  tokens: string;
  cost: string;
  basis: string;
};

export type TCostSummary = {
  /** "$0.0042" per run. */
  total: string;
  /** "$4.20 per 1,000 runs", or null when a run costs nothing in model fees. */
  perThousandRuns: string | null;
  rows: TCostRow[];
  caveats: string[];
  hasModelCalls: boolean;
};

/**
 * Multiplies a decimal string by 10^places without going through a float, so that "0.0000123" × 1000 stays exact
 * until it is formatted.
 */
export function shiftDecimal(value: string, places: number): string {
  const match = /^(-?)(\d*)(?:\.(\d*))?$/.exec(value.trim());
  if (!match || (match[2] === "" && (match[3] ?? "") === "")) return value;
  const [, sign = "", whole = "", fraction = ""] = match;
  const digits = `${whole}${fraction.padEnd(places, "0")}`;
  const point = whole.length + places;
  const intPart = digits.slice(0, point).replace(/^0+(?=\d)/, "") || "0";
  const fracPart = digits.slice(point).replace(/0+$/, "");
  return `${sign}${intPart}${fracPart ? `.${fracPart}` : ""}`;
}

function tokensText(tokensIn: number, tokensOut: number): string {
  return `~${formatNumber(tokensIn)} in / ~${formatNumber(tokensOut)} out`;
}

export function summarizeCost(estimate: TCostEstimate): TCostSummary {
  const hasModelCalls = estimate.nodes.length > 0;
  const isFree = Number(estimate.totalUsd) === 0;
  return {
    total: formatMoney(estimate.totalUsd),
    perThousandRuns: isFree ? null : `${formatMoney(shiftDecimal(estimate.totalUsd, 3))} per 1,000 runs`,
    rows: estimate.nodes.map((n) => ({
      nodeId: n.nodeId,
      label: n.label || n.nodeId,
      model: n.model,
      tokens: tokensText(n.estimatedTokensIn, n.estimatedTokensOut),
      cost: formatMoney(n.costUsd),
      basis: n.basis,
    })),
    caveats: estimate.caveats,
    hasModelCalls,
  };
}
