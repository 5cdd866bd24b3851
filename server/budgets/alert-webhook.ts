// The organisation's alert webhook (SystemSetting "governance.alertWebhook" = { url, secret, isEnabled }): budget
// threshold alerts are POSTed there as JSON, signed like Baton's incoming workflow webhooks — X-Baton-Timestamp:
// <unix seconds> and X-Baton-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>" with the secret> — so the
// receiver can check them with the same code. Sent through the outbound guard HTTP nodes use (the organisation's
// outbound settings apply). Delivery never fails or delays the model call that crossed the threshold: errors are logged.
import { createHmac } from "node:crypto";
import { z } from "zod";
import type { TDb } from "../db/client";
import { log } from "../log";
import { checkOutboundUrl } from "../net/outbound-guard";
import { sendOutboundRequest } from "../net/outbound-request";
import { loadOutboundPolicy } from "../net/outbound-settings";
import type { TAlertDelivery } from "./alert-webhook-view.shared";

export const ALERT_WEBHOOK_KEY = "governance.alertWebhook";
export const ALERT_WEBHOOK_TIMEOUT_MS = 10_000;

export const ZAlertWebhookUrl = z
  .string({ error: "Enter the URL alerts are sent to (http:// or https://)." })
  .trim()
  .max(2000, "The URL is at most 2000 characters.")
  .refine((v) => URL.canParse(v) && /^https?:$/.test(new URL(v).protocol), "Enter an http:// or https:// URL.");
export const ZAlertWebhookSecret = z
  .string({ error: "The signing secret is text of 16 to 200 characters." })
  .min(16, "The signing secret has at least 16 characters.")
  .max(200, "The signing secret has at most 200 characters.");

/** As stored. A value saved before alerts could be turned off has no isEnabled: it was on. */
export const ZAlertWebhook = z.strictObject({ url: ZAlertWebhookUrl, secret: ZAlertWebhookSecret, isEnabled: z.boolean().default(true) });
export type TAlertWebhook = z.infer<typeof ZAlertWebhook>;

/** The configured webhook, or null when there is none (or the stored value is unreadable). */
export async function loadAlertWebhook(db: Pick<TDb, "systemSetting">): Promise<TAlertWebhook | null> {
  const row = await db.systemSetting.findUnique({ where: { key: ALERT_WEBHOOK_KEY }, select: { value: true } });
  const parsed = ZAlertWebhook.safeParse(row?.value);
  return parsed.success ? parsed.data : null;
}

/** `sha256=<hex>`: the same scheme as workflow webhooks (server/engine/webhook-auth.ts signWebhook). */
export function signAlert(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.`).update(body).digest("hex")}`;
}

export type { TAlertDelivery } from "./alert-webhook-view.shared";

/**
 * POSTs one payload to the webhook, signed, through the outbound guard; never throws. Used for real alerts and for the
 * Settings test alike, so a test proves what an alert would do.
 */
export async function sendAlert(db: TDb, hook: TAlertWebhook, payload: Record<string, unknown>, nowMs: number = Date.now()): Promise<TAlertDelivery> {
  try {
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
    const isDelivered = res.status >= 200 && res.status < 300;
    return { isDelivered, status: res.status, error: isDelivered ? null : `The receiver answered HTTP ${res.status}.` };
  } catch (error) {
    return { isDelivered: false, status: null, error: error instanceof Error ? error.message : String(error) };
  }
}

/** Sends one alert when a webhook is set and turned on; resolves whatever happens (a failure is logged). */
export async function deliverAlert(db: TDb, payload: Record<string, unknown>, nowMs: number = Date.now()): Promise<void> {
  try {
    const hook = await loadAlertWebhook(db);
    if (!hook?.isEnabled) return;
    const outcome = await sendAlert(db, hook, payload, nowMs);
    if (!outcome.isDelivered) log.warn({ status: outcome.status, err: outcome.error, host: new URL(hook.url).hostname }, "budget alert webhook delivery failed");
  } catch (error) {
    log.warn({ err: error instanceof Error ? error.message : String(error) }, "budget alert webhook delivery failed");
  }
}
