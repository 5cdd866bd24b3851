import type { TDb } from "../db/client";
import { Prisma } from "../db/generated/client";
import { appendAuditBatchSql } from "./append-sql";

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

/**
 * Appends one event to its hash chain, with the SQL function the engine's flush uses (see append-sql.ts), so the
 * chaining has one implementation. Pass a transaction client to make it atomic with a change (the chain's lock is
 * then held until it commits).
 */
export async function appendAudit(db: TDb | TTx, input: TAuditInput): Promise<void> {
  await appendAuditBatchSql(async (text, params = []) => {
    await db.$executeRawUnsafe(text, ...params);
    return [];
  }, [input]);
}
