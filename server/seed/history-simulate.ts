import type { Prisma } from "../db/generated/client";
import type { StepStatus } from "../db/generated/enums";
import { costUsd, type TModelPrices } from "../gateway/pricing";
import { SANDBOX_LABEL } from "../gateway/sandbox.shared";
import type { TNodeType, TWorkflowGraph, TWorkflowNode } from "../workflows/graph.shared";
import type { TDemoTemplate, TRunPlan } from "./demo-template";
import { appEventInput, manualInput, runFinishedInput, scheduleInput, webhookInput } from "../engine/trigger-input";
import { topologicalOrder } from "./graph-walk";
import type { TRandom } from "./random";
import type { TPolicyRecord, TSentRequest } from "../governance/records.shared";

// Walks a demo graph the way the engine schedules it, for one planned run: branching nodes fire only the handle the
// plan chose; a node runs once all its inputs are settled and at least one fired (a join "any" as soon as one
// fired), otherwise it is SKIPPED, which propagates. Time flows along edges, so parallel branches overlap.

export type TStepDraft = {
  nodeId: string;
  nodeType: TNodeType;
  status: StepStatus;
  attempt: number;
  input: Record<string, unknown> | null;
  output: unknown;
  firedHandles: string[];
  waitKind: string | null;
  waitUntil: Date | null;
  error: string | null;
  errorCode: string | null;
  model: string | null;
  provider: string | null;
  tokensIn: number;
  tokensOut: number;
  costUsd: Prisma.Decimal | null;
  latencyMs: number | null;
  /** Filled by governHistoryRun (history-governance.ts) with what the policy engine decides. */
  policyDecisions: TPolicyRecord[] | null;
  /** The model request that left, as the governance layer records it; null when no model call left. */
  sentRequest: TSentRequest | null;
  /** For a model call: the targets in the order the gateway tries them (a route's, or the one model). */
  candidates: string[];
  startedAt: Date | null;
  /** null only while WAITING. */
  finishedAt: Date | null;
};

/** `input`: the run's input, built around the plan's payload the way its trigger builds it. */
export type TSimulation = { steps: TStepDraft[]; startedAt: Date; input: Record<string, unknown> };
export type TSimContext = {
  graph: TWorkflowGraph;
  prices: Record<string, TModelPrices>;
  modelNamesById: Record<string, string>;
};

// The demo routes as seeded (seed-catalog.ts): their targets in order, and what a call through each ends up using
// after a failed first target (null: the simulation never falls back on it).
const ROUTE_MODELS: Record<string, { targets: string[]; fallback: string | null }> = {
  "default-chat": { targets: ["sandbox-smart", "sandbox-fast"], fallback: "sandbox-fast" },
  "cheap-classify": { targets: ["sandbox-fast", "sandbox-smart"], fallback: null },
};

const LATENCY_MS: Partial<Record<TNodeType, [number, number]>> = {
  "ai.entities": [12, 60],
  "ai.sentiment": [4, 20],
  "ai.retrieval": [8, 45],
  "tool.http": [70, 650],
  "tool.code": [6, 40],
  "tool.transform": [1, 4],
};

function modelOf(node: TWorkflowNode, ctx: TSimContext): { targets: string[]; fallback: string | null } {
  const ref = node.config.model as { kind?: string; modelId?: string; routeName?: string } | undefined;
  if (ref?.kind === "route" && ref.routeName)
    return ROUTE_MODELS[ref.routeName] ?? { targets: ["sandbox-fast"], fallback: null };
  return { targets: [(ref?.modelId && ctx.modelNamesById[ref.modelId]) || "sandbox-fast"], fallback: null };
}

function llmStep(node: TWorkflowNode, template: TDemoTemplate, rng: TRandom, ctx: TSimContext) {
  const route = modelOf(node, ctx);
  // Now and then the first call meets a simulated 503: a route moves on to its fallback within the same attempt (the
  // gateway tries a route's targets in order), a single model is retried as the step's second attempt.
  const isRetried = rng.chance(0.04);
  const model = isRetried && route.fallback ? route.fallback : route.targets[0]!;
  const attempt = isRetried && !route.fallback ? 2 : 1;
  const usage = template.llmUsage[node.id] ?? { tokensIn: [200, 400], tokensOut: [20, 80] };
  const tokensIn = rng.int(...usage.tokensIn);
  const tokensOut = rng.int(...usage.tokensOut);
  const isSmart = model.includes("smart");
  const latency =
    (isSmart ? 420 : 160) + tokensOut * (isSmart ? 14 : 5) + rng.int(0, 380) + (isRetried ? rng.int(600, 1500) : 0);
  const price = ctx.prices[model];
  return {
    attempt,
    model,
    candidates: route.targets,
    provider: SANDBOX_LABEL,
    tokensIn,
    tokensOut,
    latencyMs: latency,
    costUsd: price ? costUsd(price, tokensIn, tokensOut) : null,
    input: Object.fromEntries(
      ["model", "temperature", "maxTokens"].filter((k) => k in node.config).map((k) => [k, node.config[k]]),
    ),
  };
}

function stepInput(node: TWorkflowNode): Record<string, unknown> | null {
  const c = node.config;
  if (node.type === "tool.http") return { method: c.method, url: c.url };
  if (node.type === "ai.retrieval") return { knowledgeBaseId: c.knowledgeBaseId, topK: c.topK };
  if (node.type === "control.approval") return { assigneeRole: c.assigneeRole, slaHours: c.slaHours ?? null };
  return null;
}

/** A run's input as its trigger builds it (trigger-input.ts), so generated runs read like real ones. */
export function triggerRunInput(trigger: TWorkflowNode, payload: Record<string, unknown>, at: Date) {
  switch (trigger.type) {
    case "trigger.webhook":
      return webhookInput(payload, { "content-type": "application/json" }, {}, at);
    case "trigger.event": {
      const source = trigger.config.source as { kind?: string; eventName?: string; workflowId?: string } | undefined;
      return source?.kind === "workflow"
        ? runFinishedInput({ id: String(payload.runId ?? ""), workflowId: source.workflowId ?? "" }, payload, 1)
        : appEventInput(source?.eventName ?? "event", payload);
    }
    case "trigger.schedule":
      return scheduleInput(payload, at, trigger.config.cron, trigger.config.timezone);
    default:
      return manualInput(payload);
  }
}

function outputOf(
  node: TWorkflowNode,
  plan: TRunPlan,
  input: Record<string, unknown>,
  arrived: Map<string, unknown>,
  latencyMs: number,
): unknown {
  // A trigger passes the run's input on (as the executors do).
  if (node.type.startsWith("trigger.")) return input;
  if (node.type === "control.output") return plan.finalOutput;
  // Joins map each arrived node to its output; parallel passes its input on (as the executors do).
  if (node.type === "control.join") return Object.fromEntries(arrived);
  if (node.type === "control.parallel") return arrived.values().next().value ?? null;
  const output = plan.outputs[node.id] ?? null;
  if (node.type === "tool.http" && output && typeof output === "object") return { ...output, durationMs: latencyMs };
  return output;
}

export function simulateRun(
  template: TDemoTemplate,
  plan: TRunPlan,
  queuedAt: Date,
  rng: TRandom,
  ctx: TSimContext,
): TSimulation {
  const { nodes, edges } = ctx.graph;
  const startedAt = new Date(queuedAt.getTime() + rng.int(20, 400));
  const trigger = nodes.find((n) => n.type.startsWith("trigger."));
  const input = trigger ? triggerRunInput(trigger, plan.input, queuedAt) : { body: plan.input };
  const fired = new Set<string>();
  const settledAt = new Map<string, number>();
  const outputs = new Map<string, unknown>();
  const steps: TStepDraft[] = [];
  for (const node of topologicalOrder(nodes, edges)) {
    const incoming = edges.filter((e) => e.target === node.id);
    const active = incoming.filter((e) => fired.has(e.id));
    const isAny = node.type === "control.join" && node.config.mode === "any";
    const isRunning = incoming.length === 0 || active.length > 0;
    const times = (isAny && active.length > 0 ? active : incoming).map(
      (e) => settledAt.get(e.source) ?? startedAt.getTime(),
    );
    const readyAt =
      incoming.length === 0
        ? startedAt.getTime()
        : isAny && active.length > 0
          ? Math.min(...times)
          : Math.max(...times);
    const base = {
      nodeId: node.id,
      nodeType: node.type,
      attempt: 0,
      input: null,
      output: null,
      firedHandles: [],
      waitKind: null,
      waitUntil: null,
      error: null,
      errorCode: null,
      model: null,
      provider: null,
      tokensIn: 0,
      tokensOut: 0,
      costUsd: null,
      latencyMs: null,
      policyDecisions: null,
      sentRequest: null,
      candidates: [],
    };
    if (!isRunning) {
      settledAt.set(node.id, readyAt);
      steps.push({ ...base, status: "SKIPPED", startedAt: null, finishedAt: new Date(readyAt) });
      continue;
    }
    const start = readyAt + rng.int(3, 35);
    const isModelCall = node.type === "ai.llm" || (node.type === "ai.classifier" && node.config.mode !== "local");
    const call = isModelCall ? llmStep(node, template, rng, ctx) : null;
    const latency =
      call?.latencyMs ??
      (node.type === "control.approval"
        ? (plan.approvalDelayMs ?? 60_000)
        : rng.int(...(LATENCY_MS[node.type] ?? [0, 3])));
    const arrived = new Map(active.map((e) => [e.source, outputs.get(e.source)]));
    const branch = plan.branches[node.id];
    const handles = [...new Set(edges.filter((e) => e.source === node.id).map((e) => e.sourceHandle))];
    const step: TStepDraft = {
      ...base,
      ...(call ?? { attempt: 1, input: stepInput(node) }),
      status: "SUCCEEDED",
      output: outputOf(node, plan, input, arrived, latency),
      firedHandles: branch !== undefined ? [branch] : handles,
      latencyMs: latency,
      startedAt: new Date(start),
      finishedAt: new Date(start + latency),
    };
    steps.push(step);
    outputs.set(node.id, step.output);
    settledAt.set(node.id, start + latency);
    for (const e of edges) if (e.source === node.id && step.firedHandles.includes(e.sourceHandle)) fired.add(e.id);
  }
  return { steps, startedAt, input };
}
