// A run step for unit tests: a succeeded model step with nothing recorded; each test patches what it is about.
import type { TRunStep } from "@/server/runs/run-detail.shared";

let seq = 0;

export function makeRunStep(patch: Partial<TRunStep> = {}): TRunStep {
  seq += 1;
  return {
    id: `s${seq}`,
    nodeId: "classify",
    nodeLabel: null,
    nodeType: "ai.llm",
    iterationKey: "",
    status: "SUCCEEDED",
    attempt: 1,
    input: null,
    output: null,
    error: null,
    errorCode: null,
    model: null,
    provider: null,
    tokensIn: 0,
    tokensOut: 0,
    costUsd: "0",
    latencyMs: null,
    waitKind: null,
    policyDecisions: null,
    sentRequest: null,
    reusedFromRunId: null,
    startedAt: "2026-01-01T00:00:00.000Z",
    finishedAt: null,
    seq,
    attempts: [],
    isInterruptedByStop: false,
    branch: null,
    iterations: [],
    ...patch,
  };
}
