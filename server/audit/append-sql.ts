// The engine's audit appends over plain SQL (see server/db/sql.ts): same chain, same hashing as append.ts.
import { randomUUID } from "node:crypto";
import type { TSql } from "../db/sql";
import { GENESIS_HASH, hashEvent, type THashedFields } from "./canonical";
import { AUDIT_LOCK_KEY, type TAuditInput } from "./append";

/** Appends events in order under the chain's lock. Must run inside a transaction (the lock is transaction-scoped). */
export async function appendAuditBatchSql(sql: TSql, inputs: TAuditInput[]): Promise<void> {
  if (inputs.length === 0) return;
  await sql(`SELECT pg_advisory_xact_lock($1::bigint)`, [AUDIT_LOCK_KEY]);
  const [head] = await sql<{ hash: string }>(`SELECT hash FROM "AuditEvent" ORDER BY seq DESC LIMIT 1`);
  let prevHash = head?.hash ?? GENESIS_HASH;
  const occurredAt = new Date();
  const rows = inputs.map((input) => {
    const fields: THashedFields = {
      id: randomUUID(),
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
    const hash = hashEvent(prevHash, fields);
    const row = { ...fields, occurredAt: occurredAt.toISOString(), prevHash, hash };
    prevHash = hash;
    return row;
  });
  // WITH ORDINALITY keeps the array order, so seq follows the chain.
  await sql(
    `INSERT INTO "AuditEvent" (id, "occurredAt", "actorType", "actorId", "actorLabel", action, "resourceType", "resourceId", "teamId", data, "prevHash", hash)
     SELECT x.id, x."occurredAt"::timestamptz AT TIME ZONE 'UTC', x."actorType"::"ActorType", x."actorId", x."actorLabel", x.action, x."resourceType", x."resourceId", x."teamId", x.data, x."prevHash", x.hash
     FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS e(value, n),
          jsonb_to_record(e.value) AS x(id text, "occurredAt" text, "actorType" text, "actorId" text, "actorLabel" text, action text, "resourceType" text, "resourceId" text, "teamId" text, data jsonb, "prevHash" text, hash text)
     ORDER BY e.n`,
    [JSON.stringify(rows)],
  );
}
