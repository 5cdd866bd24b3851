// The engine's audit appends over plain SQL (see server/db/sql.ts): same chains, same hashes as append.ts, in one
// statement. The chain head is only known under the chain's lock, inside Postgres, so this side sends each event's
// canonical JSON and baton_audit_append (migration engine_flush_functions) chains the hashes.
import type { TSql } from "../db/sql";
import type { TAuditInput } from "./append";
import { canonicalEventBody } from "./canonical";
import { chainLockKey } from "./chains";
import { groupByChain, toHashedFields } from "./build-events";
import { toStorableJson } from "../shared/storable-json";

export type TAuditPayload = {
  chain: number;
  lock: number;
  events: (Omit<ReturnType<typeof toHashedFields>, "chain" | "occurredAt"> & { occurredAt: string; body: string })[];
}[];

/**
 * The argument of baton_audit_append: events grouped by chain, in order, each with the canonical JSON it hashes. Every
 * append goes through here, so this is where audit input is made storable (NUL and lone surrogates in its text become
 * U+FFFD, storable-json.ts) — before it is hashed, so the stored event and its hash agree and the chain verifies.
 */
export function auditPayload(inputs: TAuditInput[], occurredAt = new Date()): TAuditPayload {
  return [...groupByChain(inputs)].map(([chain, group]) => ({
    chain,
    lock: chainLockKey(chain),
    events: group.map((input) => {
      const fields = toHashedFields(chain, toStorableJson(input).value, occurredAt);
      const { chain: _chain, ...stored } = fields;
      return { ...stored, occurredAt: occurredAt.toISOString(), body: canonicalEventBody(fields) };
    }),
  }));
}

/**
 * Appends events in order under their chains' locks (held until the transaction ends). One statement: on its own it
 * is its own transaction; inside one, it commits with the caller's other writes.
 */
export async function appendAuditBatchSql(sql: TSql, inputs: TAuditInput[]): Promise<void> {
  if (inputs.length === 0) return;
  await sql(`SELECT baton_audit_append($1::jsonb)`, [JSON.stringify(auditPayload(inputs))], "audit-append");
}
