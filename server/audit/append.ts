import type { TDb } from "../db/client";
import { Prisma } from "../db/generated/client";
import { chainLockKey } from "./chains";
import { buildChainRows, groupByChain } from "./build-events";

export type TActor =
  | { type: "user"; id: string; label: string }
  | { type: "api_key"; id: string; label: string }
  | { type: "system"; id?: string; label: string }
  | { type: "worker"; id?: string; label: string };

export type TAuditInput = {
  actor: TActor;
  action: string;
  resource: { type: string; id?: string | null };
  teamId?: string | null;
  data?: Record<string, unknown>;
  /** Events with the same key share a hash chain (the engine uses the run id); defaults to the resource id. */
  chainKey?: string;
};

type TTx = Prisma.TransactionClient;


/** Appends one event to the hash chain. Pass a transaction client to make it atomic with a change. */
export async function appendAudit(db: TDb | TTx, input: TAuditInput): Promise<{ id: string; hash: string }> {
  const [first] = await appendAuditBatch(db, [input]);
  return first!;
}

/**
 * Appends events in order under one lock and one insert: the engine audits every transition of a run pass this way.
 * Pass a transaction client to make them atomic with the change they describe.
 */
export async function appendAuditBatch(db: TDb | TTx, inputs: TAuditInput[]): Promise<{ id: string; hash: string }[]> {
  if (inputs.length === 0) return [];
  const run = async (tx: TTx) => {
    const appended: { id: string; hash: string }[] = [];
    for (const [chain, group] of groupByChain(inputs)) {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${chainLockKey(chain)}::bigint)`;
      const head = await tx.auditEvent.findFirst({ where: { chain }, orderBy: { seq: "desc" }, select: { hash: true } });
      const rows = buildChainRows(chain, head?.hash ?? null, group);
      // createMany keeps the array order, and seq (identity) follows insertion order within one statement.
      await tx.auditEvent.createMany({ data: rows.map((r) => ({ ...r, data: r.data as Prisma.InputJsonValue })) as never });
      appended.push(...rows.map((r) => ({ id: r.id, hash: r.hash })));
    }
    return appended;
  };
  return "$transaction" in db ? db.$transaction(run) : run(db);
}
