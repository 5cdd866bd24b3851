// Masking PII at rest (pii.maskAtRest): what a run stores — its input, each step's output and error, its result —
// keeps placeholders instead of the values of the types the masking policies redact or block; the run's vault holds the
// values, and only the roles every masking policy names may reveal them. Pure: the governance layer applies it where a
// run stores data (server/governance/mask-at-rest.ts) and decides who may reveal (server/runs/reveal-run.ts).
import { ROLES, type TRole } from "./document";
import { redactJson } from "./pii/redact-json";
import type { TPiiVault } from "./pii/redact";
import type { TPiiType } from "./pii/types";
import type { TResolvedPolicy } from "./scope";

export type TAtRestMasking = {
  /** The covering policies that mask at rest, broadest scope first. */
  policies: TResolvedPolicy[];
  /** What is masked: every type one of them redacts or blocks (a type it only logs is stored as it is). */
  types: TPiiType[];
  /** The roles every one of them lets reveal (those that may reveal whatever role they hold besides). */
  revealRoles: TRole[];
};

/** The masking the covering policies ask for; null when none of them masks at rest. */
export function atRestMasking(policies: readonly TResolvedPolicy[]): TAtRestMasking | null {
  const masking = policies.filter((p) => p.document.pii?.maskAtRest);
  if (masking.length === 0) return null;
  const types = new Set<TPiiType>();
  for (const p of masking) {
    for (const [type, action] of Object.entries(p.document.pii!.actions)) if (action === "redact" || action === "block") types.add(type as TPiiType);
  }
  const revealRoles = ROLES.filter((role) => masking.every((p) => p.document.pii!.revealRoles.includes(role)));
  return { policies: masking, types: [...types], revealRoles };
}

/** Someone holding `roles` in the run's team may reveal when every masking policy names one of them. */
export function mayReveal(masking: TAtRestMasking, roles: readonly TRole[]): boolean {
  return masking.policies.every((p) => roles.some((role) => p.document.pii!.revealRoles.includes(role)));
}

/**
 * `value` as the run stores it: the masked types replaced by placeholders of the run's vault (the same value keeps its
 * placeholder), each marked as masked at rest. `isChanged`: the vault gained or marked an entry.
 */
export function maskAtRest<T>(value: T, masking: TAtRestMasking, vault: TPiiVault): { value: T; isChanged: boolean } {
  if (masking.types.length === 0) return { value, isChanged: false };
  const { value: masked, detections } = redactJson(value, masking.types, vault, "$", { isAtRest: true });
  return { value: masked, isChanged: detections.length > 0 };
}

/** "Alpha v2 and Beta v1": the masking policies as a sentence names them. */
export function maskingPolicyNames(masking: TAtRestMasking): string[] {
  return masking.policies.map((p) => `${p.name} v${p.version}`);
}
