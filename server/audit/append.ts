import { randomUUID } from "node:crypto";
import type { TDb } from "../db/client";
import { Prisma } from "../db/generated/client";
import { GENESIS_HASH, hashEvent, type THashedFields } from "./canonical";

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
};

type TTx = Prisma.TransactionClient;

// All appends take the same transaction-scoped advisory lock, so the chain has exactly one head.
export const AUDIT_LOCK_KEY = 0x6261746f6e; // "baton"

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
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY}::bigint)`;
    const head = await tx.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { hash: true } });
    let prevHash = head?.hash ?? GENESIS_HASH;
    const now = Date.now();
    const rows = inputs.map((input) => {
      const fields: THashedFields = {
        id: randomUUID(),
        occurredAt: new Date(now),
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
      const row = { ...fields, actorType: input.actor.type, data: fields.data as Prisma.InputJsonValue, prevHash, hash };
      prevHash = hash;
      return row;
    });
    // createMany keeps the array order, and seq (identity) follows insertion order within one statement.
    await tx.auditEvent.createMany({ data: rows });
    return rows.map((r) => ({ id: r.id, hash: r.hash }));
  };
  return "$transaction" in db ? db.$transaction(run) : run(db);
}
