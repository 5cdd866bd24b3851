// One policy as the editor needs it: scope, current version (with its document and, if it does not parse, its
// problems), the draft, and whether the caller may change it.
import type { TDb } from "../db/client";
import type { TPrincipal } from "../auth/permissions";
import { validatePolicyDocument } from "../policy/validate-document";
import { canWritePolicy, loadPolicyFor } from "./policy-access";
import type { TPolicyDetail, TPolicyVersionView } from "./policy-detail.shared";
import { describeScopes, userNames } from "./policy-views";

export async function getPolicy(db: TDb, principal: TPrincipal, policyId: string): Promise<TPolicyDetail> {
  await loadPolicyFor(db, principal, policyId, "policy:read");
  return policyDetail(db, principal, policyId);
}

/** The detail of a policy the caller was already authorised for (read again, e.g. after a write committed). */
export async function policyDetail(db: TDb, principal: TPrincipal, policyId: string): Promise<TPolicyDetail> {
  const row = await db.policy.findUniqueOrThrow({ where: { id: policyId }, include: { currentVersion: true, team: { select: { name: true } } } });
  const [scopes, nameOf] = await Promise.all([
    describeScopes(db, [row]),
    userNames(db, [row.currentVersion?.createdById ?? null, row.draftUpdatedById]),
  ]);
  const current = row.currentVersion;
  const validation = current ? validatePolicyDocument(current.rules) : null;
  const currentVersion: TPolicyVersionView | null = current
    ? {
        number: current.number,
        note: current.note,
        createdAt: current.createdAt.toISOString(),
        createdByName: nameOf(current.createdById),
        isGenerated: current.isGenerated,
        isCurrent: true,
        document: current.rules,
        problems: validation && !validation.isValid ? validation.problems : [],
      }
    : null;
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    isEnabled: row.isEnabled,
    scope: scopes.get(row.id)!,
    currentVersion,
    draft:
      row.draftRules === null
        ? null
        : { document: row.draftRules, updatedAt: (row.draftUpdatedAt ?? row.updatedAt).toISOString(), updatedByName: nameOf(row.draftUpdatedById) },
    canWrite: canWritePolicy(principal, { teamId: row.teamId }),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
