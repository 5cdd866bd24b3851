// The engine's audit appends over plain SQL (see server/db/sql.ts): same chains, same hashing as append.ts.
import type { TSql } from "../db/sql";
import type { TAuditInput } from "./append";
import { chainLockKey } from "./chains";
import { buildChainRows, groupByChain } from "./build-events";

/** Appends events in order under their chains' locks. Must run inside a transaction (the locks are transaction-scoped). */
export async function appendAuditBatchSql(sql: TSql, inputs: TAuditInput[]): Promise<void> {
  for (const [chain, group] of groupByChain(inputs)) {
    await sql(`SELECT pg_advisory_xact_lock($1::bigint)`, [chainLockKey(chain)]);
    const [head] = await sql<{ hash: string }>(`SELECT hash FROM "AuditEvent" WHERE chain = $1 ORDER BY seq DESC LIMIT 1`, [chain]);
    const rows = buildChainRows(chain, head?.hash ?? null, group).map((r) => ({ ...r, occurredAt: r.occurredAt.toISOString() }));
    // WITH ORDINALITY keeps the array order, so seq follows the chain.
    await sql(
      `INSERT INTO "AuditEvent" (id, chain, "occurredAt", "actorType", "actorId", "actorLabel", action, "resourceType", "resourceId", "teamId", data, "prevHash", hash)
       SELECT x.id, x.chain, x."occurredAt"::timestamptz AT TIME ZONE 'UTC', x."actorType"::"ActorType", x."actorId", x."actorLabel", x.action, x."resourceType", x."resourceId", x."teamId", x.data, x."prevHash", x.hash
       FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS e(value, n),
            jsonb_to_record(e.value) AS x(id text, chain int, "occurredAt" text, "actorType" text, "actorId" text, "actorLabel" text, action text, "resourceType" text, "resourceId" text, "teamId" text, data jsonb, "prevHash" text, hash text)
       ORDER BY e.n`,
      [JSON.stringify(rows)],
    );
  }
}
