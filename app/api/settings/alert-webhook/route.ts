import { NextResponse } from "next/server";
import { handler, readJson } from "@/app/_lib/handler";
import { requireApi } from "@/app/_lib/auth";
import { saveAlertWebhook, viewAlertWebhook, ZAlertWebhookInput } from "@/server/budgets/save-alert-webhook";
import { getDb } from "@/server/db/client";

export const dynamic = "force-dynamic";

/** The organisation's alert webhook for budget thresholds → { url, hasSecret, isEnabled } (the secret is never returned). */
export const GET = handler(async () => {
  const principal = await requireApi("settings:read");
  return NextResponse.json(await viewAlertWebhook(getDb(), principal));
});

/**
 * Sets it: { url, isEnabled?, secret? | generateSecret? } — an http(s) URL the outbound network settings allow; your own
 * secret (16–200 characters), or a generated one returned once as `secret`; neither keeps the stored secret.
 */
export const PUT = handler(async (req) => {
  const principal = await requireApi("settings:write");
  const input = await readJson(req, ZAlertWebhookInput);
  return NextResponse.json(await saveAlertWebhook(getDb(), principal, input));
});

/** Removes it: threshold alerts are then recorded and audited only. */
export const DELETE = handler(async () => {
  const principal = await requireApi("settings:write");
  return NextResponse.json(await saveAlertWebhook(getDb(), principal, null));
});
