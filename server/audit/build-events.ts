// Shared by both append paths: turns inputs into hashed rows, chain by chain, given each chain's current head.
import { randomUUID } from "node:crypto";
import { GENESIS_HASH, hashEvent, type THashedFields } from "./canonical";
import { chainOf } from "./chains";
import type { TAuditInput } from "./append";

export type TAuditRow = THashedFields & { chain: number; prevHash: string; hash: string };

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

export function buildChainRows(chain: number, head: string | null, inputs: TAuditInput[], occurredAt = new Date()): TAuditRow[] {
  let prevHash = head ?? GENESIS_HASH;
  return inputs.map((input) => {
    const fields = toHashedFields(chain, input, occurredAt);
    const hash = hashEvent(prevHash, fields);
    const row = { ...fields, chain, prevHash, hash };
    prevHash = hash;
    return row;
  });
}
