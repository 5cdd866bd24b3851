// Test helpers: the generated history of a demo workflow without a database, under the seeded Baseline policy (or
// the policies a test gives).
import { policy } from "../policy/policies.test-helper";
import type { TResolvedPolicy } from "../policy";
import { ZWorkflowGraph, type TWorkflowEdge } from "../workflows/graph.shared";
import { generateHistory, type THistoryRows } from "./history-generate";
import type { THistoryGovernance } from "./history-governance";
import { BASELINE_POLICY, BASELINE_RULES } from "./seed-governance";
import { DEMO_TEMPLATES } from "./seed-workflows";

export const NOW = new Date("2026-11-18T14:30:00.000Z");
const REFS = {
  modelIds: { "sandbox-smart": "m_smart", "sandbox-fast": "m_fast" },
  credentialIds: {},
  knowledgeBaseId: "kb_1",
};
const OPTIONS = {
  now: NOW,
  days: 14,
  approverId: "u_approver",
  prices: {
    "sandbox-fast": { inputPricePerMTok: "0.15", outputPricePerMTok: "0.6" },
    "sandbox-smart": { inputPricePerMTok: "2.5", outputPricePerMTok: "10" },
  },
  modelNamesById: { m_smart: "sandbox-smart", m_fast: "sandbox-fast" },
};

const sandbox = (inputPricePerMTok: string, outputPricePerMTok: string, maxOutputTokens: number) => ({
  provider: "Sandbox (simulated)",
  region: null,
  maxOutputTokens,
  prices: { inputPricePerMTok, outputPricePerMTok },
});
const MODELS = { "sandbox-fast": sandbox("0.15", "0.6", 16_384), "sandbox-smart": sandbox("2.5", "10", 32_768) };
export const BASELINE = policy(BASELINE_POLICY, BASELINE_RULES);

export function governance(policies: TResolvedPolicy[] = [BASELINE]): THistoryGovernance {
  return {
    policies,
    actor: { kind: "workflow", id: "w" },
    dataClassification: "internal",
    versionNumber: 1,
    models: MODELS,
  };
}

export type TGenerated = THistoryRows & { edges: TWorkflowEdge[] };

export async function generateFor(key: string, gov = governance()): Promise<TGenerated> {
  const template = DEMO_TEMPLATES.find((t) => t.key === key)!;
  const graph = ZWorkflowGraph.parse(template.graph(REFS));
  const target = { template, graph, workflowId: `w_${template.key}`, versionId: "v_1", teamId: "t_1" };
  return { ...(await generateHistory(target, OPTIONS, gov)), edges: graph.edges };
}

const cache = new Map<string, Promise<TGenerated>>();
/** The history under the Baseline policy, generated once per test file. */
export function generated(key: string): Promise<TGenerated> {
  const hit = cache.get(key) ?? generateFor(key);
  cache.set(key, hit);
  return hit;
}
