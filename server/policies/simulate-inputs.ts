// Rebuilds, from a finished run's stored rows, the inputs the engine gives the policy engine around a step (pre and
// post), so a simulation evaluates them with the same evaluatePre/evaluatePost. What is not stored is approximated,
// and said so: the step's actual token use and cost stand in for the projection made before the call.
import { z } from "zod";
import type { TDataClassification } from "../policy/document";
import type { TPostInput, TPreInput, TToolCall } from "../policy/input";
import { parentKey } from "../engine/graph-index";
import type { TSimulatedStep } from "./simulation.shared";

export type TRunFacts = {
  id: string;
  workflowId: string;
  workflowVersionId: string;
  versionNumber: number;
  teamId: string;
  input: unknown;
  dataClassification: TDataClassification;
};

export type TStepFacts = {
  id: string;
  nodeId: string;
  iterationKey: string;
  nodeType: string;
  status: string;
  input: unknown;
  output: unknown;
  model: string | null;
  provider: string | null;
  sentRequest: unknown;
  tokensIn: number;
  tokensOut: number;
  costUsd: string;
  seq: number;
  createdAt: Date;
};

/** The node's configuration in the run's version (for an MCP step: which server and tool). */
export type TNodeConfig = Record<string, unknown> | undefined;

const ZSentMessages = z.object({ messages: z.unknown(), provider: z.string().optional() }).loose();

/** A step the policy engine is called for: one that calls a model, or a tool step (HTTP, MCP, code, transform). */
export function isCheckedStep(step: Pick<TStepFacts, "model" | "nodeType">): boolean {
  return step.model !== null || step.nodeType.startsWith("tool.");
}

/** The engine's order of steps: by seq (assigned when created), then by creation for rows written before seq. */
export function byEngineOrder(a: TStepFacts, b: TStepFacts): number {
  return a.seq - b.seq || a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id);
}

function hasOutput(step: TStepFacts): boolean {
  return step.status === "SUCCEEDED" || step.status === "FAILED" || (step.status === "WAITING" && step.output !== null);
}

/**
 * What a step's JSONata sees (server/engine/scope.ts): `trigger`, and `nodes.<id>.output` of the steps that came
 * before it in the engine's order and had an output — inside a loop, the nearest iteration's first.
 */
export function conditionScopeFor(run: TRunFacts, ordered: readonly TStepFacts[], step: TStepFacts): unknown {
  const chain = [step.iterationKey];
  for (let k = step.iterationKey; k !== ""; ) {
    k = parentKey(k);
    chain.push(k);
  }
  const nodes: Record<string, { output: unknown }> = {};
  const rank = new Map<string, number>();
  for (const s of ordered) {
    if (s === step) break;
    const depth = chain.indexOf(s.iterationKey);
    if (depth === -1 || !hasOutput(s)) continue;
    if ((rank.get(s.nodeId) ?? Infinity) < depth) continue;
    rank.set(s.nodeId, depth);
    nodes[s.nodeId] = { output: s.output };
  }
  return { trigger: run.input ?? {}, nodes };
}

function hostOf(url: unknown): string | null {
  if (typeof url !== "string" || url.includes("{{")) return null;
  try {
    return new URL(url).hostname.replace(/^\[|\]$/g, "").toLowerCase() || null;
  } catch {
    return null;
  }
}

/** The tool call a tool step made: the HTTP host it recorded (else its configured URL's), or the MCP server host and tool. */
export function toolCallOf(step: TStepFacts, config: TNodeConfig): TToolCall | undefined {
  if (step.nodeType === "tool.http") {
    const recorded = (step.output as { request?: { url?: unknown } } | null)?.request?.url;
    const host = hostOf(recorded) ?? hostOf(config?.url);
    return host ? { kind: "http", host } : undefined;
  }
  if (step.nodeType === "tool.mcp") {
    const server = hostOf(config?.serverUrl);
    const tool = config?.toolName;
    return server && typeof tool === "string" ? { kind: "mcp", server, tool } : undefined;
  }
  return undefined;
}

export function payloadOf(step: TStepFacts): { payload: unknown; source: TSimulatedStep["payloadSource"] } {
  const sent = ZSentMessages.safeParse(step.sentRequest);
  if (sent.success && sent.data.messages !== undefined) return { payload: sent.data.messages, source: "sent_request" };
  if (step.input !== null && step.input !== undefined) return { payload: step.input, source: "step_input" };
  return { payload: undefined, source: "none" };
}

export function contextOf(run: TRunFacts, step: TStepFacts, regionOf: (model: string, provider: string) => string | null) {
  const sent = ZSentMessages.safeParse(step.sentRequest);
  const provider = step.provider ?? (sent.success ? sent.data.provider : undefined) ?? null;
  return {
    actor: { kind: "workflow" as const, id: run.workflowId },
    teamId: run.teamId,
    workflow: { id: run.workflowId, versionId: run.workflowVersionId, versionNumber: run.versionNumber },
    nodeType: step.nodeType,
    model: step.model ? { name: step.model, provider: provider ?? "", region: provider ? regionOf(step.model, provider) : null } : undefined,
    dataClassification: run.dataClassification,
  };
}

export function preInputOf(
  run: TRunFacts,
  ordered: readonly TStepFacts[],
  step: TStepFacts,
  config: TNodeConfig,
  regionOf: (model: string, provider: string) => string | null,
): { input: TPreInput; source: TSimulatedStep["payloadSource"] } {
  const { payload, source } = payloadOf(step);
  const usage = step.model ? { promptTokens: step.tokensIn, completionTokens: step.tokensOut, costUsd: step.costUsd } : undefined;
  return {
    input: {
      ...contextOf(run, step, regionOf),
      payload,
      toolCall: toolCallOf(step, config),
      projected: usage,
      conditionScope: conditionScopeFor(run, ordered, step),
    },
    source,
  };
}

export function postInputOf(run: TRunFacts, step: TStepFacts, regionOf: (model: string, provider: string) => string | null): TPostInput | null {
  if (step.output === null || step.output === undefined) return null;
  const actual = step.model ? { promptTokens: step.tokensIn, completionTokens: step.tokensOut, costUsd: step.costUsd } : undefined;
  return { ...contextOf(run, step, regionOf), output: step.output, actual };
}
