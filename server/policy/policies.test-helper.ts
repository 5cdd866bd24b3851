// Test helpers: a valid policy from a document literal, and a minimal pre input.
import { ZPolicyDocument } from "./document";
import type { TPreInput } from "./input";
import type { TPolicyScope, TResolvedPolicy } from "./scope";

export function policy(name: string, document: unknown, scope: TPolicyScope = { kind: "org" }, version = 1): TResolvedPolicy {
  return { id: `id-${name}`, name, version, scope, document: ZPolicyDocument.parse(document) };
}

export function preInput(extra: Partial<TPreInput> = {}): TPreInput {
  return {
    actor: { kind: "user", id: "u1", role: "builder" },
    teamId: "team-risk",
    workflow: { id: "wf-1", versionNumber: 2 },
    nodeType: "llm",
    model: { name: "gpt-4o-mini", provider: "openai", region: "us" },
    ...extra,
  };
}
