// Audit inputs as stored and hashed, grouped by chain (the chaining itself is baton_audit_append's, in SQL).
import { randomUUID } from "node:crypto";
import type { THashedFields } from "./canonical";
import { chainOf } from "./chains";
import type { TAuditInput } from "./append";

/** Inputs grouped by chain, chains in ascending order (a fixed lock order cannot deadlock). */
export function groupByChain(inputs: TAuditInput[]): Map<number, TAuditInput[]> {
  const groups = new Map<number, TAuditInput[]>();
  for (const input of inputs) {
    const chain = chainOf(input.chainKey ?? input.resource.id ?? input.teamId ?? input.action);
    const group = groups.get(chain);
    if (group) group.push(input);
    else groups.set(chain, [input]);
  }
  return new Map([...groups.entries()].sort(([a], [b]) => a - b));
}

/** The event's fields as stored and hashed (chain 0 is left out of the hash, see canonical.ts). */
export function toHashedFields(chain: number, input: TAuditInput, occurredAt: Date): THashedFields {
  return {
    id: randomUUID(),
    chain: chain === 0 ? undefined : chain,
    occurredAt,
    actorType: input.actor.type,
    actorId: input.actor.id ?? null,
    actorLabel: input.actor.label,
    action: input.action,
    resourceType: input.resource.type,
    resourceId: input.resource.id ?? null,
    teamId: input.teamId ?? null,
    data: JSON.parse(JSON.stringify(input.data ?? {})) as unknown,
  };
}
