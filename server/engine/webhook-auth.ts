// Who may start a run over a webhook: the caller proves it holds the workflow's secret, either by sending it
// (X-Baton-Secret, a bearer secret over TLS) or by signing the request with it. A signature covers a timestamp and the
// raw body ("<timestamp>.<body>", as Stripe and Slack do), and is accepted only within a tolerance window, so a
// captured request cannot be replayed later.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { AppError } from "../errors";

/** A signed request is accepted this long either side of the server's clock. */
export const WEBHOOK_TIMESTAMP_TOLERANCE_SECONDS = 5 * 60;

/** The one answer for an unknown workflow, a missing credential and a wrong one, so ids cannot be probed. */
export const WEBHOOK_UNAUTHENTICATED_MESSAGE =
  "Send the workflow's webhook secret in the X-Baton-Secret header, or sign the request: X-Baton-Timestamp: <unix seconds> and " +
  'X-Baton-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>" with the secret>.';

/**
 * `signature` is the hex HMAC that matched (lower case, as computed here), the identity of a signed request for replay
 * receipts (webhook-receipts.ts); null when the request is not authenticated by a signature.
 */
export type TWebhookProof = { hasSecret: boolean; hasSignature: boolean; signature: string | null };

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** `sha256=<hex>` for a request body sent at `timestamp` (unix seconds). */
export function signWebhook(secret: string, timestamp: number | string, body: Uint8Array | string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.`).update(body).digest("hex")}`;
}

function checkTimestamp(header: string | null, nowMs: number): string {
  if (header === null) {
    throw new AppError(
      "UNAUTHENTICATED",
      'X-Baton-Signature needs X-Baton-Timestamp (unix seconds) and must sign "<timestamp>.<raw body>"; a signature of the body alone is not accepted.',
    );
  }
  const value = header.trim();
  if (!/^\d{1,12}$/.test(value)) throw new AppError("UNAUTHENTICATED", "X-Baton-Timestamp must be the time the request was signed, in unix seconds.");
  const skew = Math.round(nowMs / 1000) - Number(value);
  if (Math.abs(skew) > WEBHOOK_TIMESTAMP_TOLERANCE_SECONDS) {
    const minutes = WEBHOOK_TIMESTAMP_TOLERANCE_SECONDS / 60;
    throw new AppError(
      "UNAUTHENTICATED",
      `X-Baton-Timestamp is ${Math.abs(skew)} seconds ${skew > 0 ? "old" : "in the future"}: signed requests are accepted within ${minutes} minutes of the server's clock. Sign each request when you send it.`,
    );
  }
  return value;
}

/**
 * Which proofs the request carries, checked against every secret valid now (the current one, and the previous one
 * during a rotation's grace period). A malformed or stale signed timestamp is a 401 saying so.
 */
export function checkWebhookProof(headers: Headers, body: Uint8Array, secrets: readonly string[], nowMs: number): TWebhookProof {
  // With no secret (unknown workflow) compare against a random one, so the work done does not depend on existence.
  const candidates = secrets.length > 0 ? secrets : [randomBytes(24).toString("hex")];
  const sent = headers.get("x-baton-secret") ?? "";
  const hasSecret = sent !== "" && candidates.some((secret) => safeEqual(sent, secret));
  const signature = headers.get("x-baton-signature");
  if (signature === null || signature.trim() === "") return { hasSecret, hasSignature: false, signature: null };
  const timestamp = checkTimestamp(headers.get("x-baton-timestamp"), nowMs);
  const given = signature.trim();
  // Every candidate is computed and compared (no early exit), so the time taken does not say which secret matched.
  const matched = candidates.map((secret) => signWebhook(secret, timestamp, body)).filter((expected) => safeEqual(given, expected));
  const hasSignature = matched.length > 0 && secrets.length > 0;
  return { hasSecret, hasSignature, signature: hasSignature ? matched[0]!.slice("sha256=".length) : null };
}
