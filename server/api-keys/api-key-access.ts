// Who may manage which API keys, and which scopes they may grant: one rule for the list, the form, create and revoke.
// Builders and admins of a team manage its keys (apikey:manage); the organisation admin every team's. A scope may be
// granted only by someone who may do its work in that team now: the admin scope by the team's admins and the
// organisation admin, never by a builder.
import { API_KEY_SCOPES, type TApiKeyScope } from "../auth/api-key-scopes.shared";
import { can, teamsWhere, type TAction, type TPrincipal } from "../auth/permissions";

/** The permission a person needs in the team to put each scope on a key. */
const GRANTED_BY: Record<TApiKeyScope, TAction> = {
  "workflows:read": "workflow:read",
  "runs:write": "workflow:run",
  // Reserved: grants nothing today, so anyone who manages the team's keys may add it.
  gateway: "apikey:manage",
  admin: "team:administer",
};

export function mayManageApiKeys(principal: TPrincipal, teamId: string): boolean {
  return can(principal, "apikey:manage", { teamId });
}

/** Teams whose keys the person manages: every team (null) for the organisation admin, else these ids. */
export function managedTeamIds(principal: TPrincipal): string[] | null {
  return principal.isOrgAdmin ? null : teamsWhere(principal, "apikey:manage");
}

export function grantableScopes(principal: TPrincipal, teamId: string): TApiKeyScope[] {
  if (!mayManageApiKeys(principal, teamId)) return [];
  return API_KEY_SCOPES.filter((scope) => can(principal, GRANTED_BY[scope], { teamId }));
}

/** Why a scope cannot be granted in a team, for the 403. */
export function scopeRefusal(scope: TApiKeyScope, teamName: string): string {
  switch (scope) {
    case "admin":
      return `Only admins of ${teamName} and organisation admins may create keys with the "admin" scope.`;
    case "runs:write":
      return `You may not run ${teamName}'s workflows yourself, so you cannot give a key "runs:write".`;
    case "workflows:read":
      return `You may not read ${teamName}'s workflows yourself, so you cannot give a key "workflows:read".`;
    case "gateway":
      return `You may not manage ${teamName}'s API keys.`;
  }
}

/** May the person revoke this key? The same rule as creating it: its team's keys, and the admin scope for admins. */
export function mayRevokeApiKey(principal: TPrincipal, key: { teamId: string; scopes: readonly string[] }): boolean {
  if (!mayManageApiKeys(principal, key.teamId)) return false;
  return !key.scopes.includes("admin") || can(principal, "team:administer", { teamId: key.teamId });
}
