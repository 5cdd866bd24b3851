import type { TriggerType } from "../db/generated/enums";
import type { TNodeType, TWorkflowEdge, TWorkflowGraph, TWorkflowNode } from "../workflows/graph.shared";
import type { TRandom } from "./random";
import type { TDemoTeamSlug } from "./seed-people";

// A demo workflow: its graph (built against the seeded rows it refers to: models, credentials, the knowledge base)
// and how to tell a plausible story of one run for the generated history. Configs follow the node definitions in
// server/nodes/*/definition.ts; expressions read `trigger.body` and `nodes.<id>.output`.

export type TSeedRefs = {
  /** Model.id by model name. */
  modelIds: Record<string, string>;
  /** Credential.id by credential name (unique per team). */
  credentialIds: Record<string, string>;
  knowledgeBaseId: string;
};

export type TTemplateKey = "fraud-triage" | "support-triage" | "incident-response";

/** One run's story, decided up front: its input, each node's output, and the handle each branching node takes. */
export type TRunPlan = {
  /** The payload the trigger received; the run's input wraps it as the trigger would (`trigger.body` is this). */
  input: Record<string, unknown>;
  outputs: Record<string, unknown>;
  branches: Record<string, string>;
  finalOutput: Record<string, unknown>;
  /** How long the approval took to be decided (or to expire at its SLA), for runs that reach it. */
  approvalDelayMs?: number;
};

export type TDemoTemplate = {
  key: TTemplateKey;
  name: string;
  teamSlug: TDemoTeamSlug;
  description: string;
  tags: string[];
  triggerType: TriggerType;
  graph(refs: TSeedRefs): TWorkflowGraph;
  /** Runs per day on weekdays and at weekends, inclusive ranges. */
  runsPerDay: { weekday: [number, number]; weekend: [number, number] };
  /** Token ranges of each LLM node's calls. */
  llmUsage: Record<string, { tokensIn: [number, number]; tokensOut: [number, number] }>;
  approval?: {
    nodeId: string;
    slaMinutes: number;
    /** How long people take to decide, in minutes (inclusive range). */
    decisionMinutes: [number, number];
    title(plan: TRunPlan): string;
    details(plan: TRunPlan): Record<string, unknown>;
  };
  plan(rng: TRandom, at: Date): TRunPlan;
};

const COLUMN_WIDTH = 280;
const ROW_HEIGHT = 150;

type TNodeSpec = {
  id: string;
  type: TNodeType;
  /** Grid cell: column = stage (left to right), row = lane (0 is the main line, ± for branches). */
  at: [column: number, row: number];
  label: string;
  config: Record<string, unknown>;
  settings?: TWorkflowNode["settings"];
};

export function node({ id, type, at: [column, row], label, config, settings }: TNodeSpec): TWorkflowNode {
  const position = { x: 80 + column * COLUMN_WIDTH, y: 300 + row * ROW_HEIGHT };
  return { id, type, typeVersion: 1, position, config, label, ...(settings ? { settings } : {}) };
}

export const modelRef = (refs: TSeedRefs, name: string) => ({ kind: "model", modelId: refs.modelIds[name] ?? name });
export const routeRef = (routeName: string) => ({ kind: "route", routeName });

/** Retries of transient failures (timeouts, network, 429, 5xx) with exponential backoff. */
export const retry = (maxAttempts: number, backoffMs: number) => ({
  retry: { maxAttempts, backoffMs, maxBackoffMs: 30_000, retryOn: "retryable" as const },
});

export function edge(source: string, target: string, sourceHandle = "out", targetHandle = "in"): TWorkflowEdge {
  return { id: `e_${source}_${sourceHandle}_${target}`, source, sourceHandle, target, targetHandle };
}

export type TApprovalDecision = {
  handle: "approved" | "rejected" | "timeout";
  output: { decision: "approved" | "rejected" | "expired"; comment: string | null; decidedBy: string | null };
  delayMs: number;
};

/**
 * How a person handles an approval, as the engine records it: most decide quickly, a few very late (a cubic skew
 * over the template's range); past the SLA the request expires and the run leaves through Timed out.
 */
export function decideApproval(
  rng: TRandom,
  approval: NonNullable<TDemoTemplate["approval"]>,
  chanceApproved: number,
  comments: { approved: string; rejected: string },
): TApprovalDecision {
  const [min, max] = approval.decisionMinutes;
  const minutes = min + (max - min) * rng.next() ** 3;
  const isApproved = rng.chance(chanceApproved);
  if (minutes >= approval.slaMinutes) {
    return {
      handle: "timeout",
      output: { decision: "expired", comment: null, decidedBy: null },
      delayMs: approval.slaMinutes * 60_000,
    };
  }
  const decision = isApproved ? "approved" : "rejected";
  return {
    handle: decision,
    output: { decision, comment: comments[decision], decidedBy: "approver@baton.local" },
    delayMs: Math.round(minutes * 60_000),
  };
}

export function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
