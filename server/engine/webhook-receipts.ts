// Idempotency-Key for webhooks: per workflow, a key seen in the last 24 hours answers with the run the first request
// started instead of starting another. The receipt is inserted in the same transaction as the run (INSERT … ON
// CONFLICT DO NOTHING), so concurrent duplicates wait on the unique index and all but one roll back: exactly one run.
import { randomBytes } from "node:crypto";
import type { TDb } from "../db/client";
import { sqlFor, type TSql } from "../db/sql";
import { AppError } from "../errors";
import { log } from "../log";

export const IDEMPOTENCY_KEY_MAX_LENGTH = 255;
export const WEBHOOK_RECEIPT_TTL_HOURS = 24;
/** Old receipts are deleted by the request that finds this much time passed since this process last did it. */
const CLEANUP_EVERY_MS = 10 * 60 * 1000;

const EXPIRY = `(now() AT TIME ZONE 'UTC') - interval '${WEBHOOK_RECEIPT_TTL_HOURS} hours'`;

/** Thrown inside the run's transaction when another request holds the key: the transaction rolls back. */
export class DuplicateWebhookRequest extends Error {
  constructor() {
    super("duplicate webhook request");
  }
}

/** The Idempotency-Key header, checked; null when absent. */
export function readIdempotencyKey(headers: Headers): string | null {
  const raw = headers.get("idempotency-key");
  if (raw === null) return null;
  const key = raw.trim();
  if (key === "") throw new AppError("BAD_REQUEST", "The Idempotency-Key header is empty: send a unique value per request, or leave the header out.");
  if (key.length > IDEMPOTENCY_KEY_MAX_LENGTH) {
    throw new AppError("BAD_REQUEST", `The Idempotency-Key header is longer than ${IDEMPOTENCY_KEY_MAX_LENGTH} characters.`);
  }
  return key;
}

export type TReceipt = { runId: string | null };

/** The live receipt of this key, if a request with it came in the last 24 hours. */
export async function findReceipt(db: TDb, workflowId: string, key: string): Promise<TReceipt | null> {
  const [row] = await sqlFor(db)<{ runId: string | null }>(
    `SELECT "runId" FROM "WebhookReceipt" WHERE "workflowId" = $1 AND "idempotencyKey" = $2 AND "createdAt" >= ${EXPIRY}`,
    [workflowId, key],
  );
  return row ?? null;
}

/** For startRun's `prefill`: claims the key for `runId` in the run's transaction, or throws DuplicateWebhookRequest. */
export function claimReceipt(workflowId: string, key: string) {
  return async (sql: TSql, runId: string): Promise<void> => {
    await sql(`DELETE FROM "WebhookReceipt" WHERE "workflowId" = $1 AND "idempotencyKey" = $2 AND "createdAt" < ${EXPIRY}`, [workflowId, key]);
    const claimed = await sql(
      `INSERT INTO "WebhookReceipt" (id, "workflowId", "idempotencyKey", "runId", "createdAt")
       VALUES ($1, $2, $3, $4, now() AT TIME ZONE 'UTC')
       ON CONFLICT ("workflowId", "idempotencyKey") DO NOTHING RETURNING id`,
      [`wr${randomBytes(10).toString("hex")}`, workflowId, key, runId],
    );
    if (claimed.length === 0) throw new DuplicateWebhookRequest();
  };
}

let lastCleanup = 0;

/** Deletes receipts past their 24 hours, at most once per interval per process; never fails the request. */
export async function cleanExpiredReceipts(db: TDb, nowMs = Date.now()): Promise<void> {
  if (nowMs - lastCleanup < CLEANUP_EVERY_MS) return;
  lastCleanup = nowMs;
  try {
    await sqlFor(db)(`DELETE FROM "WebhookReceipt" WHERE "createdAt" < ${EXPIRY}`);
  } catch (error) {
    log.warn({ err: error }, "deleting expired webhook receipts failed");
  }
}
