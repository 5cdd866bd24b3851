// Isomorphic: roles, actions and the permission matrix. Used by server checks and by the UI to hide what a
// person cannot do (the server still checks every request).
import { AppError } from "../errors";
import { API_KEY_SCOPE_OF, scopesGrant, type TApiKeyScope } from "./api-key-scopes.shared";

export const ROLES = ["admin", "builder", "approver", "viewer"] as const;
export type TRole = (typeof ROLES)[number];

export const ROLE_LABELS: Record<TRole, string> = {
  admin: "Admin",
  builder: "Builder",
  approver: "Approver",
  viewer: "Viewer",
};

/** Actions on resources that belong to a team: checked against the person's role in that team. */
const TEAM_ACTIONS = [
  "workflow:read",
  "workflow:write",
  "workflow:publish",
  "workflow:run",
  "run:read",
  "run:cancel",
  "approval:read",
  "approval:decide",
  "dashboard:read",
  "policy:read",
  "agent:read",
  "agent:write",
  "apikey:manage",
] as const;

/**
 * Administration inside a team: a team admin holds these in their own teams, the organisation admin in every team
 * (and for events and people that belong to no team).
 */
const TEAM_ADMIN_ACTIONS = [
  // The audit trail of the team.
  "audit:read",
  // Writing the policies of the team: those scoped to the team, or to one of its workflows, agents or API keys
  // (server/policies/policy-access.ts). Organisation policies need policy:write-org.
  "policy:write",
  // Settings → Teams, Users and API keys, limited to the team.
  "team:administer",
  // Creating, changing and deleting the team's budgets (team, workflow, API key, agent and person scopes). Budgets
  // that belong to no team (organisation-wide, or a person's across all teams) also need isOrgAdmin: see
  // server/budgets/manage-budgets.ts.
  "budget:manage",
] as const;

/**
 * Organisation-wide actions: only the organisation admin (User.isOrgAdmin) holds them; no team role grants them,
 * however many teams a person administers.
 */
const ORG_ACTIONS = [
  // Writing organisation policies (scope org: they govern every team).
  "policy:write-org",
  // Verifying the audit chain, which spans every team's events and the organisation-level ones.
  "audit:verify",
  // Settings → Providers, Models and Engine (workers, queues, circuit breakers, outbound network).
  "settings:read",
  // Changing them: outbound network, circuit breaker thresholds and resets, models (add, edit, disable, delete).
  "settings:write",
  "user:manage",
  "team:manage",
  "system:emergency-stop",
] as const;

export type TTeamAction = (typeof TEAM_ACTIONS)[number];
export type TTeamAdminAction = (typeof TEAM_ADMIN_ACTIONS)[number];
export type TOrgAction = (typeof ORG_ACTIONS)[number];
export type TAction = TTeamAction | TTeamAdminAction | TOrgAction;

const VIEWER: TTeamAction[] = ["workflow:read", "run:read", "dashboard:read", "policy:read", "agent:read"];
const APPROVER: TTeamAction[] = [...VIEWER, "approval:read", "approval:decide"];
const BUILDER: TTeamAction[] = [
  ...VIEWER,
  "workflow:write",
  "workflow:publish",
  "workflow:run",
  "run:cancel",
  "approval:read",
  "agent:write",
  "apikey:manage",
];

/** What each team role allows inside its team. Organisation actions are in no role: see `isOrgAdmin`. */
const ROLE_ACTIONS: Record<TRole, ReadonlySet<TAction>> = {
  admin: new Set<TAction>([...TEAM_ACTIONS, ...TEAM_ADMIN_ACTIONS]),
  builder: new Set<TAction>(BUILDER),
  approver: new Set<TAction>(APPROVER),
  viewer: new Set<TAction>(VIEWER),
};

export type TMembershipRef = {
  teamId: string;
  teamSlug: string;
  teamName: string;
  role: TRole;
  /** The team is archived (Team.archivedAt): its role still reads and administers, but ARCHIVE_REFUSED does nothing. */
  isTeamArchived: boolean;
};

/**
 * What an archived team refuses, whatever the role: new and changed work (workflows, runs, agents, API keys). Reading,
 * cancelling runs, deciding approvals (so waiting runs can end) and team administration go on. Runs started without a
 * person (webhooks, schedules, events) are refused by the engine itself (server/engine/start-run.ts).
 */
const ARCHIVE_REFUSED: ReadonlySet<TAction> = new Set<TAction>([
  "workflow:write",
  "workflow:publish",
  "workflow:run",
  "agent:write",
  "apikey:manage",
]);

/** The API key a request authenticated with (server/api-keys/authenticate-api-key.ts). */
export type TApiKeyIdentity = { id: string; name: string; prefix: string; teamId: string; scopes: TApiKeyScope[] };

export type TPrincipal = {
  id: string;
  email: string;
  name: string;
  /** Organisation admin: holds the organisation-wide actions and administers every team. Not a team role. */
  isOrgAdmin: boolean;
  memberships: TMembershipRef[];
  /**
   * Set when the caller is an API key rather than a person signed in: the other fields are then its creator's as they
   * are now, limited to the key's team, and every check also needs a scope of the key (see keyAllows).
   */
  apiKey?: TApiKeyIdentity;
};

function isOrgAction(action: TAction): action is TOrgAction {
  return (ORG_ACTIONS as readonly string[]).includes(action);
}

function isTeamAdminAction(action: TAction): action is TTeamAdminAction {
  return (TEAM_ADMIN_ACTIONS as readonly string[]).includes(action);
}

export function roleCan(role: TRole, action: TAction): boolean {
  return !isOrgAction(action) && ROLE_ACTIONS[role].has(action);
}

/** The membership's role allows the action and the team is not archived where that matters. */
function membershipAllows(m: TMembershipRef, action: TAction): boolean {
  return roleCan(m.role, action) && !(m.isTeamArchived && ARCHIVE_REFUSED.has(action));
}

/**
 * What an API key adds to the checks: one of its scopes must grant the action, and a team action must be in the key's
 * own team. Its creator's rights still apply on top (the principal is the creator's, limited to that team), so a key
 * can never do more than both its scopes and its creator allow at the time of the request.
 */
function keyAllows(key: TApiKeyIdentity, action: TAction, teamId: string | null | undefined): boolean {
  if (!scopesGrant(key.scopes, action)) return false;
  return isOrgAction(action) || !teamId || teamId === key.teamId;
}

/**
 * Can this person do `action`? Organisation actions need `isOrgAdmin`. Team administration (audit, Settings → Teams,
 * Users, API keys) is allowed to the organisation admin for any team and to a team admin for their team; managing a
 * team's API keys also to its builders. For other team actions only the role in the resource's team counts — being
 * organisation admin adds none. Without a `teamId`, any team where the role allows it is enough (e.g. "may this person
 * see the Workflows page"). An API key also needs a scope that grants the action (keyAllows).
 */
export function can(principal: TPrincipal, action: TAction, resource: { teamId?: string | null } = {}): boolean {
  if (principal.apiKey && !keyAllows(principal.apiKey, action, resource.teamId)) return false;
  if (isOrgAction(action)) return principal.isOrgAdmin;
  if ((isTeamAdminAction(action) || action === "apikey:manage") && principal.isOrgAdmin) return true;
  const { teamId } = resource;
  const relevant = teamId ? principal.memberships.filter((m) => m.teamId === teamId) : principal.memberships;
  return relevant.some((m) => membershipAllows(m, action));
}

/** Why an API key may not do what it asked, naming the missing scope when that is the reason. */
function keyRefusal(key: TApiKeyIdentity, action: TAction, teamId: string | null | undefined): string {
  const scope = API_KEY_SCOPE_OF[action];
  if (scope === null) return `API keys cannot do this (${action}): it is reserved to people signed in to Baton.`;
  if (!key.scopes.includes(scope)) return `This API key lacks the scope "${scope}", which this needs (${action}).`;
  if (!keyAllows(key, action, teamId)) return "This API key belongs to another team: a key acts only in its own team.";
  return `The person who created this API key may not do this (${action}) in its team now, so the key cannot either.`;
}

export function assertCan(principal: TPrincipal, action: TAction, resource: { teamId?: string | null } = {}): void {
  if (can(principal, action, resource)) return;
  const archived = principal.memberships.find(
    (m) => m.teamId === resource.teamId && m.isTeamArchived && roleCan(m.role, action),
  );
  if (archived) throw new AppError("CONFLICT", archivedTeamMessage(archived.teamName));
  if (principal.apiKey) throw new AppError("FORBIDDEN", keyRefusal(principal.apiKey, action, resource.teamId));
  throw new AppError(
    "FORBIDDEN",
    isOrgAction(action)
      ? "You do not have permission to do this: it affects the whole organisation, so only an organisation admin can."
      : "You do not have permission to do this. Ask an admin of your team for access.",
  );
}

/** Why an archived team refused something: the one wording for the permission check and the engine. */
export function archivedTeamMessage(teamName: string): string {
  return `Team ${teamName} is archived: it takes no new workflows, runs, API keys or members. An organisation admin can restore it in Settings → Teams.`;
}

export type TTeamScope = { isOrgWide: true } | { isOrgWide: false; teamIds: string[] };

/**
 * Which teams' records a person may see for a team administration action: every team and the organisation-level
 * records (events with no team, people in no team) for the organisation admin, else the teams they administer.
 */
export function teamScope(principal: TPrincipal, action: TTeamAdminAction): TTeamScope {
  // A key administers at most its own team, even when its creator is the organisation admin.
  if (principal.apiKey) {
    const { teamId } = principal.apiKey;
    return { isOrgWide: false, teamIds: can(principal, action, { teamId }) ? [teamId] : [] };
  }
  if (principal.isOrgAdmin) return { isOrgWide: true };
  return {
    isOrgWide: false,
    teamIds: principal.memberships.filter((m) => membershipAllows(m, action)).map((m) => m.teamId),
  };
}

/** Teams in which the person may do `action`. */
export function teamsWhere(principal: TPrincipal, action: TTeamAction): string[] {
  if (principal.apiKey && !scopesGrant(principal.apiKey.scopes, action)) return [];
  return principal.memberships.filter((m) => membershipAllows(m, action)).map((m) => m.teamId);
}

/** The highest role the person holds anywhere, for display. */
export function highestRole(principal: TPrincipal): TRole | null {
  for (const role of ROLES) if (principal.memberships.some((m) => m.role === role)) return role;
  return null;
}
