// Settings → the organisation's alert webhook (budget threshold alerts): organisation admins set or remove it. The
// signing secret is write-only: it is stored and used to sign, never shown again. Every change is audited (the secret
// never is).
import { appendAudit } from "../audit/append";
import { assertCan, type TPrincipal } from "../auth/permissions";
import type { TDb } from "../db/client";
import { parseOrThrow } from "../errors";
import { ALERT_WEBHOOK_KEY, loadAlertWebhook, ZAlertWebhook } from "./alert-webhook";
import { principalActor } from "../auth/actor";

export type TAlertWebhookView = { url: string | null; hasSecret: boolean };

export async function viewAlertWebhook(db: TDb, principal: TPrincipal): Promise<TAlertWebhookView> {
  assertCan(principal, "settings:read");
  const hook = await loadAlertWebhook(db);
  return { url: hook?.url ?? null, hasSecret: hook !== null };
}

/** Sets the webhook (body: { url, secret }); null removes it. */
export async function saveAlertWebhook(db: TDb, principal: TPrincipal, body: unknown | null): Promise<TAlertWebhookView> {
  assertCan(principal, "settings:write");
  const next = body === null ? null : parseOrThrow(ZAlertWebhook, body);
  await db.$transaction(async (tx) => {
    const row = await tx.systemSetting.findUnique({ where: { key: ALERT_WEBHOOK_KEY }, select: { value: true } });
    const before = ZAlertWebhook.safeParse(row?.value);
    if (next === null) await tx.systemSetting.deleteMany({ where: { key: ALERT_WEBHOOK_KEY } });
    else {
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
        before: before.success ? { url: before.data.url } : null,
        after: next ? { url: next.url } : null,
        isSecretChanged: next !== null && (!before.success || before.data.secret !== next.secret),
      },
    });
  });
  return { url: next?.url ?? null, hasSecret: next !== null };
}
