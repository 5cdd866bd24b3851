import { scopeOfRow } from "../policies/stored-scope";
import type { TDb } from "../db/client";
import {
  formatProblems,
  selectPolicies,
  validatePolicyDocument,
  type TResolvedPolicy,
} from "../policy";
import type { THistoryGovernance, THistoryModel } from "./history-governance";
import { BASELINE_POLICY } from "./seed-governance";

// What the generated history's decisions are taken against: the seeded Baseline policy as stored (its id, name,
// current version and document), and per workflow what the run engine tells the policy engine about its runs.

/**
 * The Baseline policy as the engine resolves it: [] when it is disabled or has no version. A stored document that
 * does not validate makes the engine refuse every call it covers, which generated runs that succeeded cannot show:
 * the seed stops with the problem instead.
 */
export async function seededPolicies(db: TDb): Promise<TResolvedPolicy[]> {
  const row = await db.policy.findUnique({
    where: { name: BASELINE_POLICY },
    select: {
      id: true,
      name: true,
      isEnabled: true,
      scope: true,
      teamId: true,
      workflowId: true,
      agentId: true,
      apiKeyId: true,
      currentVersion: { select: { number: true, rules: true } },
    },
  });
  if (!row?.isEnabled || !row.currentVersion) return [];
  const validation = validatePolicyDocument(row.currentVersion.rules);
  const scope = scopeOfRow(row);
  if (!validation.isValid || !scope) {
    const problem = validation.isValid ? `its scope "${row.scope}" names nothing` : formatProblems(validation.problems);
    throw new Error(
      `Cannot generate demo history: policy ${row.name} v${row.currentVersion.number} cannot be enforced (${problem}).`,
    );
  }
  return [{ id: row.id, name: row.name, version: row.currentVersion.number, scope, document: validation.document }];
}


/** The catalog as stored, by model name: what the engine passes for a model and prices a call with. */
export async function historyModels(db: TDb): Promise<Record<string, THistoryModel>> {
  const models = await db.model.findMany({
    select: {
      name: true,
      region: true,
      maxOutputTokens: true,
      inputPricePerMTok: true,
      outputPricePerMTok: true,
      provider: { select: { name: true } },
    },
  });
  return Object.fromEntries(
    models.map((m) => [
      m.name,
      {
        provider: m.provider.name,
        region: m.region,
        maxOutputTokens: m.maxOutputTokens,
        prices: { inputPricePerMTok: m.inputPricePerMTok, outputPricePerMTok: m.outputPricePerMTok },
      },
    ]),
  );
}

/**
 * What the engine tells the policy engine about a workflow's runs: its data classification and the active agent it
 * runs as (the actor; generated runs have no person who started them), and the policies covering it.
 */
export async function workflowGovernance(
  db: TDb,
  target: { workflowId: string; versionId: string; teamId: string },
  policies: readonly TResolvedPolicy[],
  models: Record<string, THistoryModel>,
): Promise<THistoryGovernance> {
  const workflow = await db.workflow.findUniqueOrThrow({
    where: { id: target.workflowId },
    select: { dataClassification: true },
  });
  const version = await db.workflowVersion.findUniqueOrThrow({
    where: { id: target.versionId },
    select: { number: true },
  });
  const agent = await db.agent.findFirst({
    where: { workflowId: target.workflowId, status: "active" },
    orderBy: { createdAt: "asc" },
    select: { id: true, riskClass: true },
  });
  const scope = { teamId: target.teamId, workflowId: target.workflowId, ...(agent ? { agentId: agent.id } : {}) };
  return {
    policies: selectPolicies(policies, scope),
    actor: agent
      ? { kind: "agent", id: agent.id, riskClass: agent.riskClass }
      : { kind: "workflow", id: target.workflowId },
    dataClassification: workflow.dataClassification,
    versionNumber: version.number,
    models,
  };
}
