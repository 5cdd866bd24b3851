// Who may read and write which policies. A policy belongs to the organisation (scope org, no team) or to one team
// (scope team, or a workflow, agent or API key of that team: Policy.teamId holds the owning team).
//   read:  the organisation admin reads every policy; anyone with policy:read in some team (every team role has it)
//          reads the organisation's policies and those of their teams.
//   write: an organisation policy needs policy:write-org (organisation admin); a team's policy needs policy:write in
//          that team (its admins, and the organisation admin in every team).
import type { TDb } from "../db/client";
import { can, teamsWhere, type TPrincipal } from "../auth/permissions";
import { AppError } from "../errors";

export type TPolicyOwner = { teamId: string | null; teamName?: string | null };
export type TPolicyAccess = "policy:read" | "policy:write";

/** Ids are cuids; anything else cannot name a policy (and is not sent to the database). */
const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export function isIdShaped(id: string): boolean {
  return ID_PATTERN.test(id);
}

export function canReadPolicy(principal: TPrincipal, owner: TPolicyOwner): boolean {
  if (principal.isOrgAdmin) return true;
  if (owner.teamId === null) return teamsWhere(principal, "policy:read").length > 0;
  return can(principal, "policy:read", { teamId: owner.teamId });
}

export function canWritePolicy(principal: TPrincipal, owner: TPolicyOwner): boolean {
  return owner.teamId === null ? can(principal, "policy:write-org") : can(principal, "policy:write", { teamId: owner.teamId });
}

/** 403 with the reason when the person may not do `action` on a policy of this owner. */
export function assertPolicyAccess(principal: TPrincipal, owner: TPolicyOwner, action: TPolicyAccess): void {
  if (action === "policy:read" ? canReadPolicy(principal, owner) : canWritePolicy(principal, owner)) return;
  if (action === "policy:read") throw new AppError("FORBIDDEN", "You cannot see the policies of this team.");
  throw new AppError(
    "FORBIDDEN",
    owner.teamId === null
      ? "Only an organisation admin can change organisation policies."
      : `Only an admin of the team ${owner.teamName ? `"${owner.teamName}"` : "that owns this policy"} or an organisation admin can change its policies.`,
  );
}

export const POLICY_NOT_FOUND = "This policy does not exist, or you cannot see it.";

/**
 * The policy, when the person may see it (404 otherwise: a policy of another team is not found, never forbidden,
 * so its existence is not revealed) and may do `action` on it (403 with the reason otherwise).
 */
export async function loadPolicyFor(db: TDb, principal: TPrincipal, policyId: string, action: TPolicyAccess) {
  const policy = isIdShaped(policyId)
    ? await db.policy.findUnique({ where: { id: policyId }, include: { team: { select: { name: true } } } })
    : null;
  if (!policy || !canReadPolicy(principal, policy)) throw new AppError("NOT_FOUND", POLICY_NOT_FOUND);
  assertPolicyAccess(principal, { teamId: policy.teamId, teamName: policy.team?.name }, action);
  return policy;
}

export type TLoadedPolicy = Awaited<ReturnType<typeof loadPolicyFor>>;
