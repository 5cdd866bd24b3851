import { describe, expect, it } from "vitest";
import type { TRunStep } from "@/server/runs/run-detail.shared";
import { iterationLabel, iterationSummary, stepFacts } from "./describe-step";
import { makeRunStep } from "./make-run-step.fixture";

const step = (patch: Partial<TRunStep> = {}): TRunStep =>
  makeRunStep({ nodeLabel: "Classify", latencyMs: 1250, startedAt: "2026-11-21T10:45:00.000Z", ...patch });

describe("stepFacts", () => {
  it("lists attempt, latency, model, provider, tokens and cost of a model step", () => {
    const facts = stepFacts(
      step({ attempt: 2, model: "gpt-4o-mini", provider: "OpenAI", tokensIn: 1420, tokensOut: 85, costUsd: "0.000264" }),
    );
    expect(facts).toEqual([
      { label: "Attempt", value: "2" },
      { label: "Latency", value: "1.3 s" },
      { label: "Model", value: "gpt-4o-mini" },
      { label: "Provider", value: "OpenAI" },
      { label: "Tokens in / out", value: "1,420 / 85" },
      { label: "Cost", value: "$0.0003" },
      { label: "Started", value: "Nov 21, 10:45 UTC" },
    ]);
  });

  it("leaves out model facts for steps that call no model, and latency of a running step", () => {
    const facts = stepFacts(step({ status: "RUNNING", iterationKey: "4", startedAt: null }));
    expect(facts).toEqual([
      { label: "Attempt", value: "1" },
      { label: "Loop item", value: "Item 4" },
      { label: "Latency", value: "—" },
    ]);
  });
});

describe("iterations", () => {
  it("names loop items, nested ones by their path", () => {
    expect(iterationLabel("")).toBeNull();
    expect(iterationLabel("3")).toBe("Item 3");
    expect(iterationLabel("1.3")).toBe("Item 1 › 3");
  });

  it("counts a Loop step's items by outcome, a failed inner step failing its item", () => {
    const loop = step({
      nodeType: "control.loop",
      iterations: [
        { index: 0, iterationKey: "0", steps: [step(), step()] },
        { index: 1, iterationKey: "1", steps: [step(), step({ status: "FAILED" })] },
        { index: 2, iterationKey: "2", steps: [step()] },
      ],
    });
    expect(iterationSummary(loop)).toBe("3 items: 1 failed, 2 succeeded");
    expect(iterationSummary(step({ nodeType: "control.loop" }))).toBe("No items ran");
    expect(iterationSummary(step())).toBeNull();
  });
});
