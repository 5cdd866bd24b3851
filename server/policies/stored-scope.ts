// A policy row's scope columns read back as the evaluator's scope (server/policy/scope.ts).
import type { TPolicyScope } from "../policy/scope";

export type TScopeColumns = {
  scope: "org" | "team" | "workflow" | "agent" | "api_key";
  teamId: string | null;
  workflowId: string | null;
  agentId: string | null;
  apiKeyId: string | null;
};

/**
 * The scope the columns describe; null when they contradict themselves (a team, workflow, agent or API key scope
 * without its id), which only a write outside this app can produce (create-policy.ts always sets the id).
 */
export function scopeOfRow(row: TScopeColumns): TPolicyScope | null {
  switch (row.scope) {
    case "org":
      return { kind: "org" };
    case "team":
      return row.teamId ? { kind: "team", teamId: row.teamId } : null;
    case "workflow":
      return row.workflowId ? { kind: "workflow", workflowId: row.workflowId } : null;
    case "agent":
      return row.agentId ? { kind: "agent", agentId: row.agentId } : null;
    case "api_key":
      return row.apiKeyId ? { kind: "api_key", apiKeyId: row.apiKeyId } : null;
  }
}
