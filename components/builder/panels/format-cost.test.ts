import { describe, expect, it } from "vitest";
import type { TCostEstimate } from "@/server/workflows/editor.shared";
import { shiftDecimal, summarizeCost } from "./format-cost";

const ESTIMATE: TCostEstimate = {
  totalUsd: "0.004215",
  nodes: [
    {
      nodeId: "classify",
      label: "Classify ticket",
      model: "gpt-4o-mini",
      estimatedTokensIn: 1420,
      estimatedTokensOut: 80,
      costUsd: "0.000261",
      basis: "prompt ~120 tokens + 300 for variables; output ~25% of max tokens",
    },
    { nodeId: "draft", label: "", model: "claude-3-5-sonnet", estimatedTokensIn: 900, estimatedTokensOut: 200, costUsd: "0.003954", basis: "b" },
  ],
  caveats: ["The loop over items runs an unknown number of times: the estimate counts one pass."],
};

describe("shiftDecimal", () => {
  it("multiplies decimal strings by powers of ten exactly", () => {
    expect(shiftDecimal("0.004215", 3)).toBe("4.215");
    expect(shiftDecimal("0.0000123", 3)).toBe("0.0123");
    expect(shiftDecimal("12", 3)).toBe("12000");
    expect(shiftDecimal("1.5", 1)).toBe("15");
    expect(shiftDecimal("0", 3)).toBe("0");
    expect(shiftDecimal("-0.25", 2)).toBe("-25");
    expect(shiftDecimal("not money", 3)).toBe("not money");
  });
});

describe("summarizeCost", () => {
  it("formats the total, a per-thousand projection and one row per model node", () => {
    const summary = summarizeCost(ESTIMATE);
    expect(summary.total).toBe("$0.0042");
    expect(summary.perThousandRuns).toBe("$4.22 per 1,000 runs");
    expect(summary.hasModelCalls).toBe(true);
    expect(summary.rows).toEqual([
      {
        nodeId: "classify",
        label: "Classify ticket",
        model: "gpt-4o-mini",
        tokens: "~1,420 in / ~80 out",
        cost: "$0.0003",
        basis: "prompt ~120 tokens + 300 for variables; output ~25% of max tokens",
      },
      { nodeId: "draft", label: "draft", model: "claude-3-5-sonnet", tokens: "~900 in / ~200 out", cost: "$0.004", basis: "b" },
    ]);
    expect(summary.caveats).toHaveLength(1);
  });

  it("says a workflow without model calls costs nothing, with no projection", () => {
    const summary = summarizeCost({ totalUsd: "0", nodes: [], caveats: [] });
    expect(summary.total).toBe("$0.00");
    expect(summary.perThousandRuns).toBeNull();
    expect(summary.hasModelCalls).toBe(false);
  });
});
