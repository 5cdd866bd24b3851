// Settings → Organisation → Budget alert webhook: organisation admins set, change, turn off or remove it, and send a
// test. The signing secret is write-only: one generated here is returned once, in the answer that generated it, and
// never shown again. Every change is audited (the secret never is), and so is every test.
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { appendAudit } from "../audit/append";
import { assertCan, type TPrincipal } from "../auth/permissions";
import type { TDb } from "../db/client";
import { AppError, parseOrThrow } from "../errors";
import { checkOutboundUrlWithoutLookup } from "../net/outbound-guard";
import { loadOutboundPolicy } from "../net/outbound-settings";
import { NodeError } from "../nodes/node-error";
import { ALERT_WEBHOOK_KEY, loadAlertWebhook, sendAlert, ZAlertWebhookSecret, ZAlertWebhookUrl, type TAlertWebhook } from "./alert-webhook";
import type { TAlertDelivery, TAlertWebhookView } from "./alert-webhook-view.shared";
import { principalActor } from "../auth/actor";

export type { TAlertWebhookView } from "./alert-webhook-view.shared";

/**
 * PUT body. `secret`: your own; `generateSecret: true`: a new random one, returned once; neither keeps the stored
 * secret (or, when there is none yet, generates one). `isEnabled` left out keeps the stored state (on for a new one).
 */
export const ZAlertWebhookInput = z
  .strictObject({
    url: ZAlertWebhookUrl,
    isEnabled: z.boolean({ error: "Say whether alerts are sent: true or false." }).optional(),
    secret: ZAlertWebhookSecret.optional(),
    generateSecret: z.boolean({ error: "generateSecret is true or false." }).optional(),
  })
  .refine((v) => !(v.secret !== undefined && v.generateSecret === true), {
    path: ["secret"],
    error: "Send either your own secret or generateSecret: true, not both.",
  });

/** The same form as workflow webhook secrets: 192 random bits. */
const newAlertSecret = () => `whsec_${randomBytes(24).toString("hex")}`;

const viewOf = (hook: { url: string; isEnabled: boolean } | null): TAlertWebhookView =>
  hook ? { url: hook.url, hasSecret: true, isEnabled: hook.isEnabled } : { url: null, hasSecret: false, isEnabled: false };

export async function viewAlertWebhook(db: TDb, principal: TPrincipal): Promise<TAlertWebhookView> {
  assertCan(principal, "settings:read");
  return viewOf(await loadAlertWebhook(db));
}

/** The outbound guard's checks that need no DNS lookup, as a 400 on `url` (addresses are checked at every delivery). */
async function assertGuardAllows(db: TDb, url: string): Promise<void> {
  try {
    checkOutboundUrlWithoutLookup(url, await loadOutboundPolicy(db));
  } catch (error) {
    if (error instanceof NodeError) throw new AppError("VALIDATION", "The outbound network settings refuse this URL.", { issues: [{ path: "url", message: error.message }] });
    throw error;
  }
}

/** Sets the webhook (body: see ZAlertWebhookInput); null removes it. */
export async function saveAlertWebhook(db: TDb, principal: TPrincipal, body: unknown | null): Promise<TAlertWebhookView> {
  assertCan(principal, "settings:write");
  const input = body === null ? null : parseOrThrow(ZAlertWebhookInput, body);
  if (input) await assertGuardAllows(db, input.url);
  return db.$transaction(async (tx) => {
    const before = await loadAlertWebhook(tx);
    let generated: string | undefined;
    let next: TAlertWebhook | null = null;
    if (input === null) await tx.systemSetting.deleteMany({ where: { key: ALERT_WEBHOOK_KEY } });
    else {
      if (input.secret === undefined && (input.generateSecret === true || !before)) generated = newAlertSecret();
      const secret = input.secret ?? generated ?? before!.secret;
      next = { url: input.url, secret, isEnabled: input.isEnabled ?? before?.isEnabled ?? true };
      await tx.systemSetting.upsert({
        where: { key: ALERT_WEBHOOK_KEY },
        create: { key: ALERT_WEBHOOK_KEY, value: next, updatedById: principal.id },
        update: { value: next, updatedById: principal.id },
      });
    }
    await appendAudit(tx, {
      actor: principalActor(principal),
      action: "settings.alert_webhook_updated",
      resource: { type: "system_setting", id: ALERT_WEBHOOK_KEY },
      data: {
        before: before ? { url: before.url, isEnabled: before.isEnabled } : null,
        after: next ? { url: next.url, isEnabled: next.isEnabled } : null,
        isSecretChanged: next !== null && before?.secret !== next.secret,
      },
    });
    return { ...viewOf(next), ...(generated ? { secret: generated } : {}) };
  });
}

/**
 * Sends a signed test payload through the same delivery real alerts use (outbound guard included), whether or not
 * alerts are turned on, and says what the receiver answered. Audited.
 */
export async function testAlertWebhook(db: TDb, principal: TPrincipal): Promise<TAlertDelivery> {
  assertCan(principal, "settings:write");
  const hook = await loadAlertWebhook(db);
  if (!hook) throw new AppError("CONFLICT", "No alert webhook is set: save one first, then send a test.");
  const at = new Date();
  const outcome = await sendAlert(db, hook, { type: "test", at: at.toISOString(), note: "A test from Baton's Settings → Organisation: no budget crossed a threshold." }, at.getTime());
  await appendAudit(db, {
    actor: principalActor(principal),
    action: "settings.alert_webhook_tested",
    resource: { type: "system_setting", id: ALERT_WEBHOOK_KEY },
    data: { url: hook.url, ...outcome },
  });
  return outcome;
}
