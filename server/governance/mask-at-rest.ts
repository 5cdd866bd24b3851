// Where a run's data enters storage outside a step (its trigger's input, read back for people), the masking the
// policies covering the run ask for (server/policy/mask-at-rest.ts). Steps' outputs are masked by the run engine as
// it stores them (server/engine/mask-outcome.ts), with the same vault and the same numbering.
import type { TDb } from "../db/client";
import { loadActivePolicies, policiesFor } from "../policies/active-policies";
import { atRestMasking, maskAtRest, type TAtRestMasking } from "../policy/mask-at-rest";
import { createVault, type TPiiVault } from "../policy/pii/redact";
import type { TScopeContext } from "../policy/scope";
import { isVaultEmpty, sealVault } from "./vault";

/**
 * What the policies covering a run of this workflow say about masking at rest, as the engine resolves its scope (the
 * workflow's first active agent, read only when a masking policy is scoped to an agent). Null when none masks.
 */
export async function runMasking(db: TDb, run: { teamId: string; workflowId: string }): Promise<TAtRestMasking | null> {
  const active = await loadActivePolicies(db);
  const masking = active.policies.filter((p) => p.document.pii?.maskAtRest);
  if (masking.length === 0) return null;
  const scope: TScopeContext = { teamId: run.teamId, workflowId: run.workflowId };
  if (masking.some((p) => p.scope.kind === "agent")) {
    const agent = await db.agent.findFirst({ where: { workflowId: run.workflowId, status: "active" }, orderBy: { createdAt: "asc" }, select: { id: true } });
    if (agent) scope.agentId = agent.id;
  }
  return atRestMasking(policiesFor(active, scope).policies);
}

/**
 * A new run's input as it is stored, and its vault sealed (null when it holds nothing): masked when a covering policy
 * masks at rest. `vault`: what the run starts from (a re-run's original run, a sub-workflow's parent), so the
 * placeholders it already carries keep their values and new ones are numbered after them.
 */
export async function maskRunInput<T>(
  db: TDb,
  run: { teamId: string; workflowId: string },
  input: T,
  vault: TPiiVault | undefined,
): Promise<{ input: T; sealedVault: string | null }> {
  const masking = await runMasking(db, run);
  const own = vault ?? createVault();
  const masked = masking ? maskAtRest(input, masking, own).value : input;
  return { input: masked, sealedVault: isVaultEmpty(own) ? null : sealVault(own) };
}
