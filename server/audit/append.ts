import type { TDb } from "../db/client";
import { Prisma } from "../db/generated/client";
import { auditPayload } from "./append-sql";

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

/** Appends one event to its hash chain. Pass a transaction client to make it atomic with a change. */
export async function appendAudit(db: TDb | TTx, input: TAuditInput): Promise<void> {
  await appendAuditBatch(db, [input]);
}

/**
 * Appends events in order, each chain under its lock, in one statement: the SQL function the engine's flush uses
 * (baton_audit_append, see append-sql.ts), so the chaining has one implementation. Pass a transaction client to make
 * them atomic with the change they describe (the chain locks are then held until it commits).
 */
export async function appendAuditBatch(db: TDb | TTx, inputs: TAuditInput[]): Promise<void> {
  if (inputs.length === 0) return;
  await db.$executeRawUnsafe(`SELECT baton_audit_append($1::jsonb)`, JSON.stringify(auditPayload(inputs)));
}
