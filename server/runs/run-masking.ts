// Masking at rest as the run page and the reveal API state it for one person: which policies mask the run, which roles
// may reveal its values, and whether this person holds one. Read from the policies covering the run now (as the
// engine reads them), so a change to a policy applies to the runs it already masked.
import type { TDb } from "../db/client";
import type { TPrincipal } from "../auth/permissions";
import type { TRole } from "../policy/document";
import { mayReveal, maskingPolicyNames, type TAtRestMasking } from "../policy/mask-at-rest";
import { runMasking } from "../governance/mask-at-rest";
import type { TRunMasking } from "./run-detail.shared";

/** The person's roles in the team, an organisation admin counting as admin there too. */
export function rolesInTeam(principal: TPrincipal, teamId: string): TRole[] {
  const roles: TRole[] = principal.memberships.filter((m) => m.teamId === teamId).map((m) => m.role);
  if (principal.isOrgAdmin && !roles.includes("admin")) roles.push("admin");
  return roles;
}

export function describeMasking(masking: TAtRestMasking, principal: TPrincipal, teamId: string): TRunMasking {
  return {
    policies: maskingPolicyNames(masking),
    revealRoles: masking.revealRoles,
    canReveal: mayReveal(masking, rolesInTeam(principal, teamId)),
  };
}

export async function runMaskingFor(db: TDb, principal: TPrincipal, run: { teamId: string; workflowId: string }): Promise<TRunMasking | null> {
  const masking = await runMasking(db, run);
  return masking ? describeMasking(masking, principal, run.teamId) : null;
}
