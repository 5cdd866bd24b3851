// Where a policy applies. A context (who acts, in which team, workflow, agent or API key) is governed by every
// enabled policy whose scope covers it; evaluate.ts explains how they combine.
import type { TPolicyDocument } from "./document";

export const SCOPE_KINDS = ["org", "team", "workflow", "agent", "api_key"] as const;
export type TScopeKind = (typeof SCOPE_KINDS)[number];
export type TPolicyScope =
  | { kind: "org" }
  | { kind: "team"; teamId: string }
  | { kind: "workflow"; workflowId: string }
  | { kind: "agent"; agentId: string }
  | { kind: "api_key"; apiKeyId: string };

/** A policy's current version, as the evaluator needs it. */
export type TResolvedPolicy = {
  id: string;
  name: string;
  version: number;
  scope: TPolicyScope;
  document: TPolicyDocument;
};

/** The ids a scope is matched against; absent ones match no scope of their kind. */
export type TScopeContext = { teamId?: string | null; workflowId?: string; agentId?: string; apiKeyId?: string };

export function scopeCovers(scope: TPolicyScope, context: TScopeContext): boolean {
  switch (scope.kind) {
    case "org":
      return true;
    case "team":
      return context.teamId === scope.teamId;
    case "workflow":
      return context.workflowId === scope.workflowId;
    case "agent":
      return context.agentId === scope.agentId;
    case "api_key":
      return context.apiKeyId === scope.apiKeyId;
  }
}

/** The policies that govern the context, broadest scope first (the order decisions list their rules in). */
export function selectPolicies(policies: readonly TResolvedPolicy[], context: TScopeContext): TResolvedPolicy[] {
  return policies
    .filter((p) => scopeCovers(p.scope, context))
    .sort((a, b) => SCOPE_KINDS.indexOf(a.scope.kind) - SCOPE_KINDS.indexOf(b.scope.kind));
}
