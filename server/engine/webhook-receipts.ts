// Receipts that stop a webhook request from starting a second run, per workflow, in one table:
// - `key:<Idempotency-Key>` for 24 hours: a retry with the same key answers with the run the first request started;
// - `sig:<hex HMAC>` for twice the signature's tolerance window: a signed request is accepted only within
//   WEBHOOK_TIMESTAMP_TOLERANCE_SECONDS of its timestamp, so its receipt must outlive every moment it could be
//   accepted (received up to 5 minutes before its timestamp, replayed up to 5 minutes after: 10 minutes). A captured
//   signed request sent again, with its Idempotency-Key dropped or changed, answers with the first run.
// The prefixes keep the two kinds apart, so a caller's key can never match a signature's receipt.
// Receipts are inserted in the same transaction as the run (INSERT … ON CONFLICT DO NOTHING, in a fixed order), so
// concurrent duplicates wait on the unique index and all but one roll back: exactly one run.
import { randomBytes } from "node:crypto";
import type { TDb } from "../db/client";
import { sqlFor, type TSql } from "../db/sql";
import { AppError } from "../errors";
import { log } from "../log";
import { firstUnstorable } from "../shared/storable-text";
import { WEBHOOK_TIMESTAMP_TOLERANCE_SECONDS } from "./webhook-auth";

export const IDEMPOTENCY_KEY_MAX_LENGTH = 255;
export const WEBHOOK_RECEIPT_TTL_HOURS = 24;
export const SIGNATURE_RECEIPT_TTL_SECONDS = 2 * WEBHOOK_TIMESTAMP_TOLERANCE_SECONDS;
/** Old receipts are deleted by the request that finds this much time passed since this process last did it. */
const CLEANUP_EVERY_MS = 10 * 60 * 1000;

/** One receipt to look up and claim: the stored key and how long it counts. */
export type TReceiptKey = { key: string; ttlSeconds: number };

export function idempotencyReceipt(key: string): TReceiptKey {
  return { key: `key:${key}`, ttlSeconds: WEBHOOK_RECEIPT_TTL_HOURS * 3600 };
}

export function signatureReceipt(signatureHex: string): TReceiptKey {
  return { key: `sig:${signatureHex}`, ttlSeconds: SIGNATURE_RECEIPT_TTL_SECONDS };
}

const since = (ttlParam: string) => `(now() AT TIME ZONE 'UTC') - make_interval(secs => ${ttlParam})`;

/** Thrown inside the run's transaction when another request holds a receipt: the transaction rolls back. */
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
  const bad = firstUnstorable(key);
  if (bad) throw new AppError("BAD_REQUEST", `The Idempotency-Key header ${bad.reason}.`);
  return key;
}

export type TReceipt = { runId: string | null };

/** The live receipt of any of these keys (one that names its run first), or null. */
export async function findReceipt(db: TDb, workflowId: string, keys: readonly TReceiptKey[]): Promise<TReceipt | null> {
  if (keys.length === 0) return null;
  const [row] = await sqlFor(db)<{ runId: string | null }>(
    `SELECT r."runId" FROM "WebhookReceipt" r JOIN unnest($2::text[], $3::int[]) AS k(key, ttl) ON r."idempotencyKey" = k.key
     WHERE r."workflowId" = $1 AND r."createdAt" >= ${since("k.ttl")}
     ORDER BY r."runId" IS NULL LIMIT 1`,
    [workflowId, keys.map((k) => k.key), keys.map((k) => k.ttlSeconds)],
  );
  return row ?? null;
}

/** For startRun's `prefill`: claims every key for `runId` in the run's transaction, or throws DuplicateWebhookRequest. */
export function claimReceipt(workflowId: string, keys: readonly TReceiptKey[]) {
  // One order for every request, so two transactions never wait on each other's receipts in a cycle.
  const ordered = [...keys].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return async (sql: TSql, runId: string): Promise<void> => {
    for (const { key, ttlSeconds } of ordered) {
      await sql(
        `DELETE FROM "WebhookReceipt" WHERE "workflowId" = $1 AND "idempotencyKey" = $2 AND "createdAt" < ${since("$3::int")}`,
        [workflowId, key, ttlSeconds],
      );
      const claimed = await sql(
        `INSERT INTO "WebhookReceipt" (id, "workflowId", "idempotencyKey", "runId", "createdAt")
         VALUES ($1, $2, $3, $4, now() AT TIME ZONE 'UTC')
         ON CONFLICT ("workflowId", "idempotencyKey") DO NOTHING RETURNING id`,
        [`wr${randomBytes(10).toString("hex")}`, workflowId, key, runId],
      );
      if (claimed.length === 0) throw new DuplicateWebhookRequest();
    }
  };
}

let lastCleanup = 0;

/** Deletes receipts past their time, at most once per interval per process; never fails the request. */
export async function cleanExpiredReceipts(db: TDb, nowMs = Date.now()): Promise<void> {
  if (nowMs - lastCleanup < CLEANUP_EVERY_MS) return;
  lastCleanup = nowMs;
  try {
    await sqlFor(db)(
      `DELETE FROM "WebhookReceipt" WHERE "createdAt" < ${since("$1::int")}
       OR ("idempotencyKey" LIKE 'sig:%' AND "createdAt" < ${since("$2::int")})`,
      [WEBHOOK_RECEIPT_TTL_HOURS * 3600, SIGNATURE_RECEIPT_TTL_SECONDS],
    );
  } catch (error) {
    log.warn({ err: error }, "deleting expired webhook receipts failed");
  }
}
