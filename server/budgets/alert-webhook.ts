// The organisation's alert webhook (SystemSetting "governance.alertWebhook" = { url, secret }): budget threshold alerts
// are POSTed there as JSON, signed like Baton's incoming workflow webhooks — X-Baton-Timestamp: <unix seconds> and
// X-Baton-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>" with the secret> — so the receiver can check
// them with the same code. Sent through the outbound guard HTTP nodes use (the organisation's outbound settings apply).
// Delivery never fails or delays the model call that crossed the threshold: errors are logged.
import { createHmac } from "node:crypto";
import { z } from "zod";
import type { TDb } from "../db/client";
import { log } from "../log";
import { checkOutboundUrl } from "../net/outbound-guard";
import { sendOutboundRequest } from "../net/outbound-request";
import { loadOutboundPolicy } from "../net/outbound-settings";

export const ALERT_WEBHOOK_KEY = "governance.alertWebhook";
export const ALERT_WEBHOOK_TIMEOUT_MS = 10_000;

export const ZAlertWebhook = z.strictObject({
  url: z
    .string()
    .trim()
    .max(2000, "The URL is at most 2000 characters.")
    .refine((v) => URL.canParse(v) && /^https?:$/.test(new URL(v).protocol), "Enter an http:// or https:// URL."),
  secret: z.string().min(16, "The signing secret has at least 16 characters.").max(200, "The signing secret has at most 200 characters."),
});
export type TAlertWebhook = z.infer<typeof ZAlertWebhook>;

/** The configured webhook, or null when there is none (or the stored value is unreadable). */
export async function loadAlertWebhook(db: TDb): Promise<TAlertWebhook | null> {
  const row = await db.systemSetting.findUnique({ where: { key: ALERT_WEBHOOK_KEY }, select: { value: true } });
  const parsed = ZAlertWebhook.safeParse(row?.value);
  return parsed.success ? parsed.data : null;
}

/** `sha256=<hex>`: the same scheme as workflow webhooks (server/engine/webhook-auth.ts signWebhook). */
export function signAlert(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.`).update(body).digest("hex")}`;
}

/** POSTs one alert; resolves whatever happens (a failure is logged with the status or the error). */
export async function deliverAlert(db: TDb, payload: Record<string, unknown>, nowMs: number = Date.now()): Promise<void> {
  try {
    const hook = await loadAlertWebhook(db);
    if (!hook) return;
    const target = await checkOutboundUrl(hook.url, await loadOutboundPolicy(db));
    const body = JSON.stringify(payload);
    const timestamp = Math.floor(nowMs / 1000);
    const res = await sendOutboundRequest({
      target,
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": "Baton-Alerts",
        "x-baton-timestamp": String(timestamp),
        "x-baton-signature": signAlert(hook.secret, timestamp, body),
      },
      body,
      signal: AbortSignal.timeout(ALERT_WEBHOOK_TIMEOUT_MS),
    });
    res.body.resume();
    if (res.status < 200 || res.status >= 300) log.warn({ status: res.status, host: target.hostname }, "budget alert webhook answered with an error status");
  } catch (error) {
    log.warn({ err: error instanceof Error ? error.message : String(error) }, "budget alert webhook delivery failed");
  }
}
