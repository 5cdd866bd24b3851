// Isomorphic: roles, actions and the permission matrix. Used by server checks and by the UI to hide what a
// person cannot do (the server still checks every request).
import { AppError } from "../errors";

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

/** Organisation-wide actions: need the admin role in at least one team. */
const ORG_ACTIONS = [
  "policy:write",
  "audit:read",
  "settings:read",
  "settings:write",
  "user:manage",
  "team:manage",
  "system:emergency-stop",
] as const;

export type TTeamAction = (typeof TEAM_ACTIONS)[number];
export type TOrgAction = (typeof ORG_ACTIONS)[number];
export type TAction = TTeamAction | TOrgAction;

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

const ROLE_ACTIONS: Record<TRole, ReadonlySet<TAction>> = {
  admin: new Set<TAction>([...TEAM_ACTIONS, ...ORG_ACTIONS]),
  builder: new Set<TAction>(BUILDER),
  approver: new Set<TAction>(APPROVER),
  viewer: new Set<TAction>(VIEWER),
};

export type TMembershipRef = { teamId: string; teamSlug: string; teamName: string; role: TRole };
export type TPrincipal = { id: string; email: string; name: string; memberships: TMembershipRef[] };

function isOrgAction(action: TAction): action is TOrgAction {
  return (ORG_ACTIONS as readonly string[]).includes(action);
}

export function roleCan(role: TRole, action: TAction): boolean {
  return ROLE_ACTIONS[role].has(action);
}

/**
 * Can this person do `action`? For team actions with a `teamId`, only the role in that team counts;
 * without one, any team where the role allows it is enough (e.g. "may this person see the Workflows page").
 */
export function can(principal: TPrincipal, action: TAction, resource: { teamId?: string | null } = {}): boolean {
  if (isOrgAction(action)) return principal.memberships.some((m) => roleCan(m.role, action));
  const { teamId } = resource;
  const relevant = teamId ? principal.memberships.filter((m) => m.teamId === teamId) : principal.memberships;
  return relevant.some((m) => roleCan(m.role, action));
}

export function assertCan(principal: TPrincipal, action: TAction, resource: { teamId?: string | null } = {}): void {
  if (!can(principal, action, resource)) {
    throw new AppError("FORBIDDEN", "You do not have permission to do this. Ask an admin of your team for access.");
  }
}

/** Teams in which the person may do `action`. */
export function teamsWhere(principal: TPrincipal, action: TTeamAction): string[] {
  return principal.memberships.filter((m) => roleCan(m.role, action)).map((m) => m.teamId);
}

/** The highest role the person holds anywhere, for display. */
export function highestRole(principal: TPrincipal): TRole | null {
  for (const role of ROLES) if (principal.memberships.some((m) => m.role === role)) return role;
  return null;
}
