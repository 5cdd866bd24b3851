// Renaming, describing, enabling and disabling a policy, and deleting it (only once disabled). Each change is one
// transaction with its audit event; the engine's cache is invalidated after it commits.
import type { TDb } from "../db/client";
import type { TPrincipal } from "../auth/permissions";
import { AppError, parseOrThrow } from "../errors";
import { invalidateActivePolicies } from "./active-policies";
import { isUniqueViolation, nameTaken } from "./create-policy";
import { policyDetail } from "./get-policy";
import { loadPolicyFor, POLICY_NOT_FOUND } from "./policy-access";
import { auditPolicy } from "./policy-audit";
import type { TPolicyDetail } from "./policy-detail.shared";
import { ZUpdatePolicy } from "./policy-inputs";

export async function updatePolicy(db: TDb, principal: TPrincipal, policyId: string, raw: unknown): Promise<TPolicyDetail> {
  const input = parseOrThrow(ZUpdatePolicy, raw);
  await loadPolicyFor(db, principal, policyId, "policy:write");
  try {
    await db.$transaction(async (tx) => {
      const row = await tx.policy.findUnique({ where: { id: policyId }, select: { id: true, name: true, description: true, isEnabled: true, teamId: true } });
      if (!row) throw new AppError("NOT_FOUND", POLICY_NOT_FOUND);
      const before = { name: row.name, description: row.description, isEnabled: row.isEnabled };
      const after = {
        name: input.name ?? row.name,
        description: input.description ?? row.description,
        isEnabled: input.isEnabled ?? row.isEnabled,
      };
      if (before.name === after.name && before.description === after.description && before.isEnabled === after.isEnabled) return;
      await tx.policy.update({ where: { id: policyId }, data: { ...after, updatedById: principal.id } });
      await auditPolicy(tx, principal, "policy.updated", { ...row, name: after.name }, { before, after });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(input.name ?? "");
    throw error;
  }
  invalidateActivePolicies(db);
  return policyDetail(db, principal, policyId);
}

/** Deletes a disabled policy with all its versions. An enabled one is refused: disable it first (a visible step). */
export async function deletePolicy(db: TDb, principal: TPrincipal, policyId: string): Promise<{ id: string; isDeleted: true }> {
  await loadPolicyFor(db, principal, policyId, "policy:write");
  await db.$transaction(async (tx) => {
    // Locked, so it cannot be enabled between the check and the delete.
    const [row] = await tx.$queryRaw<{ id: string; name: string; isEnabled: boolean; teamId: string | null }[]>`
      SELECT id, name, "isEnabled", "teamId" FROM "Policy" WHERE id = ${policyId} FOR UPDATE`;
    if (!row) throw new AppError("NOT_FOUND", POLICY_NOT_FOUND);
    if (row.isEnabled) {
      throw new AppError("CONFLICT", `The policy "${row.name}" is enabled: disable it before deleting it.`);
    }
    const full = await tx.policy.findUniqueOrThrow({ where: { id: policyId }, include: { versions: { orderBy: { number: "asc" } } } });
    const before = {
      name: full.name,
      description: full.description,
      scope: full.scope,
      teamId: full.teamId,
      workflowId: full.workflowId,
      agentId: full.agentId,
      apiKeyId: full.apiKeyId,
      draft: full.draftRules,
      versions: full.versions.map((v) => ({ number: v.number, note: v.note, document: v.rules, isCurrent: v.id === full.currentVersionId })),
    };
    await tx.policy.delete({ where: { id: policyId } });
    await auditPolicy(tx, principal, "policy.deleted", row, { before, after: null });
  });
  invalidateActivePolicies(db);
  return { id: policyId, isDeleted: true };
}
