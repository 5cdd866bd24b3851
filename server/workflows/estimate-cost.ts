// Expected cost of one run of a graph, shown before publishing: every model-calling node (LLM, and Classifier in LLM
// mode) priced with its model's list prices in exact decimal arithmetic (gateway/pricing.ts). Token figures come
// from estimate-tokens.ts; what the estimate cannot know (loop item counts, sub-workflows, branches not taken,
// retries, unknown models, routes mixing prices) is listed in `caveats`.
import { z } from "zod";
import type { TDb } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { parseOrThrow } from "../errors";
import type { TPrincipal } from "../auth/permissions";
import { costUsd, sumCosts } from "../gateway/pricing";
import { getDefinition } from "../nodes/registry.shared";
import { migrateConfig } from "../engine/compile-version";
import { indexGraph } from "../engine/graph-index";
import type { TLlmConfig, TModelRef } from "../nodes/ai-llm/definition";
import type { TClassifierConfig } from "../nodes/ai-classifier/definition";
import { ZNodeSettings } from "./node-settings.shared";
import type { TCostEstimate } from "./editor.shared";
import { ZWorkflowGraph, type TWorkflowGraph, type TWorkflowNode } from "./graph.shared";
import { graphRefused } from "./graph-errors";
import { inspectGraph } from "./validate-graph.shared";
import { loadWorkflowFor } from "./workflow-access";
import { createPriceResolver } from "./resolve-model-price";
import { estimateClassifierTokens, estimateLlmTokens, type TTokenEstimate } from "./estimate-tokens";

const BRANCHING_TYPES = new Set(["control.condition", "control.switch", "ai.classifier"]);

type TModelCall = { ref: TModelRef; tokens: (modelName?: string) => TTokenEstimate };

/** The model call a node makes, null for nodes that call none; "invalid" when its config does not parse yet. */
function modelCallOf(node: TWorkflowNode): TModelCall | null | "invalid" {
  if (node.type !== "ai.llm" && node.type !== "ai.classifier") return null;
  const definition = getDefinition(node.type);
  const parsed = definition.configSchema.safeParse(migrateConfig(definition, node.typeVersion, node.config));
  if (!parsed.success) return "invalid";
  if (node.type === "ai.llm") {
    const config = parsed.data as TLlmConfig;
    return { ref: config.model, tokens: (name) => estimateLlmTokens(config, name) };
  }
  const config = parsed.data as TClassifierConfig;
  if (config.mode === "local" || !config.model) return null;
  return { ref: config.model, tokens: (name) => estimateClassifierTokens(config, name) };
}

const labelOf = (node: TWorkflowNode) => node.label?.trim() || node.id;

export async function estimateCost(db: TDb, teamId: string, graph: TWorkflowGraph): Promise<TCostEstimate> {
  const index = indexGraph(graph);
  const priceOf = createPriceResolver(db);
  const caveats: string[] = [];
  const nodes: TCostEstimate["nodes"] = [];
  const costs: Prisma.Decimal[] = [];

  for (const node of graph.nodes) {
    const call = modelCallOf(node);
    if (call === null) continue;
    if (call === "invalid") {
      caveats.push(`Node "${node.id}" is not fully configured yet, so its cost is not counted.`);
      continue;
    }
    const resolved = await priceOf(node.id, call.ref);
    if (resolved.caveat) caveats.push(resolved.caveat);
    const tokens = call.tokens(resolved.model?.name);
    const cost = resolved.model ? costUsd(resolved.model, tokens.tokensIn, tokens.tokensOut) : null;
    if (cost) costs.push(cost);
    nodes.push({
      nodeId: node.id,
      label: labelOf(node),
      model: resolved.model?.displayName ?? "unknown",
      estimatedTokensIn: tokens.tokensIn,
      estimatedTokensOut: tokens.tokensOut,
      costUsd: cost ? cost.toFixed() : "0",
      basis: tokens.basis,
    });
    const loopId = index.loopOf.get(node.id);
    if (loopId) {
      const nested = index.loopOf.has(loopId) ? " (and by the items of each enclosing loop)" : "";
      caveats.push(`Node "${node.id}" runs once per item of the loop "${loopId}": multiply its cost by the number of items${nested}.`);
    }
    const retry = ZNodeSettings.shape.retry.safeParse(node.settings?.retry ?? {});
    if (retry.success && retry.data.maxAttempts > 1) {
      caveats.push(`Node "${node.id}" may be tried up to ${retry.data.maxAttempts} times when it fails; every attempt is paid.`);
    }
  }
  caveats.push(...(await subworkflowCaveats(db, teamId, graph)));
  if (nodes.length > 1 && graph.nodes.some((n) => BRANCHING_TYPES.has(n.type))) {
    caveats.push("Every model node is counted once, as if every branch ran; branches not taken cost nothing.");
  }
  return { totalUsd: sumCosts(costs).toFixed(), nodes, caveats };
}

async function subworkflowCaveats(db: TDb, teamId: string, graph: TWorkflowGraph): Promise<string[]> {
  const calls = graph.nodes.filter((n) => n.type === "control.subworkflow");
  if (calls.length === 0) return [];
  const ids = calls.map((n) => n.config.workflowId).filter((id): id is string => typeof id === "string");
  const rows = await db.workflow.findMany({ where: { id: { in: ids }, teamId }, select: { id: true, name: true } });
  const names = new Map(rows.map((r) => [r.id, r.name]));
  return calls.map((n) => {
    const name = names.get(String(n.config.workflowId));
    return `Node "${n.id}" calls ${name ? `the workflow "${name}"` : "another workflow"}: the cost of that run is not included.`;
  });
}

export const ZCostEstimateRequest = z.object({
  /** The graph on the canvas; the saved draft when left out. */
  graph: z.unknown().optional(),
});

export async function estimateWorkflowCost(db: TDb, principal: TPrincipal, workflowId: string, raw: z.input<typeof ZCostEstimateRequest>) {
  const input = parseOrThrow(ZCostEstimateRequest, raw);
  const workflow = await loadWorkflowFor(db, principal, workflowId, "workflow:read");
  const candidate = input.graph ?? workflow.draftGraph;
  const parsed = ZWorkflowGraph.safeParse(candidate);
  if (!parsed.success) throw graphRefused("estimated", inspectGraph(candidate).problems);
  return estimateCost(db, workflow.teamId, parsed.data);
}
