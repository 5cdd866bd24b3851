// Isomorphic: the choices the Policies pages offer. A new policy's scope can be only one the person may write; the
// rule pickers (models, grants) list what exists, by name, while the document stores what the engine matches on.
import type { TScopeKind } from "../policy/scope";

export type TPolicyTarget = { id: string; name: string; teamId: string };

export type TNewPolicyOptions = {
  /** Organisation policies (policy:write-org). */
  canWriteOrg: boolean;
  /** Teams where the person may write policies (policy:write), and the targets in them a policy may be scoped to. */
  teams: { id: string; name: string }[];
  targets: Record<"workflow" | "agent" | "api_key", TPolicyTarget[]>;
};

export type TRuleOptions = {
  /** Teams and workflows the person can see: the grantees of tool grants. */
  teams: { id: string; name: string }[];
  workflows: TPolicyTarget[];
  /** Model names, provider names and regions of the model catalog, as the models rule matches them. */
  models: string[];
  providers: string[];
  regions: string[];
};

export const SCOPE_CHOICES: Record<TScopeKind, string> = {
  org: "The whole organisation",
  team: "A team",
  workflow: "A workflow",
  agent: "An agent",
  api_key: "An API key",
};

/** The scope kinds the person may create a policy with. */
export function writableScopeKinds(options: TNewPolicyOptions): TScopeKind[] {
  const kinds: TScopeKind[] = [];
  if (options.canWriteOrg) kinds.push("org");
  if (options.teams.length > 0) kinds.push("team");
  for (const kind of ["workflow", "agent", "api_key"] as const) if (options.targets[kind].length > 0) kinds.push(kind);
  return kinds;
}
