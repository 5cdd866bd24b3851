// Isomorphic: what each API key scope lets a key do, as the permissions (TAction) it grants. One map, read by the
// permission checks (can/assertCan), the route inventory test, the create form and the README's table.
import type { TAction } from "./permissions";

export const API_KEY_SCOPES = ["runs:write", "workflows:read", "gateway", "admin"] as const;
export type TApiKeyScope = (typeof API_KEY_SCOPES)[number];

/** One truthful line per scope, shown next to its checkbox. */
export const API_KEY_SCOPE_INFO: Record<TApiKeyScope, { label: string; description: string }> = {
  "runs:write": {
    label: "runs:write",
    description: "Start runs of the team's published workflows, rerun and cancel runs, and send app events.",
  },
  "workflows:read": {
    label: "workflows:read",
    description: "Read the team's workflows (versions, diffs, exports) and its runs, with their steps and live events.",
  },
  gateway: {
    label: "gateway",
    description: "Reserved for the model gateway, which does not exist yet: this scope grants nothing today.",
  },
  admin: {
    label: "admin",
    description:
      "Call the management routes (Settings: engine, network, audit verification…) as far as the key's creator may: organisation-wide ones need an organisation admin's key. Team and organisation admins only.",
  },
};

/**
 * The scope that lets a key do each action, or null when no key may: those are a person's acts (deciding approvals),
 * editing and publishing in the builder, and managing API keys (a key cannot mint keys that outlive it). Exhaustive,
 * so a new action must be classified here before the code compiles.
 */
export const API_KEY_SCOPE_OF: Record<TAction, TApiKeyScope | null> = {
  "workflow:read": "workflows:read",
  "run:read": "workflows:read",
  "workflow:run": "runs:write",
  "run:cancel": "runs:write",
  "workflow:write": null,
  "workflow:publish": null,
  "approval:read": null,
  "approval:decide": null,
  "dashboard:read": null,
  "policy:read": null,
  "agent:read": null,
  "agent:write": null,
  "apikey:manage": null,
  "audit:read": "admin",
  "policy:write": "admin",
  "team:administer": "admin",
  "budget:manage": "admin",
  "policy:write-org": "admin",
  "audit:verify": "admin",
  "settings:read": "admin",
  "settings:write": "admin",
  "user:manage": "admin",
  "team:manage": "admin",
  "system:emergency-stop": "admin",
};

export function isApiKeyScope(value: string): value is TApiKeyScope {
  return (API_KEY_SCOPES as readonly string[]).includes(value);
}

/** Does a key with these scopes cover the action (before its creator's own rights are applied)? */
export function scopesGrant(scopes: readonly TApiKeyScope[], action: TAction): boolean {
  const needed = API_KEY_SCOPE_OF[action];
  return needed !== null && scopes.includes(needed);
}

/** The actions a scope grants, for documentation and tests. */
export function actionsOfScope(scope: TApiKeyScope): TAction[] {
  return (Object.keys(API_KEY_SCOPE_OF) as TAction[]).filter((a) => API_KEY_SCOPE_OF[a] === scope);
}
