import { NextResponse } from "next/server";
import { handler, readJson } from "@/app/_lib/handler";
import { requireApi } from "@/app/_lib/auth";
import { getDb } from "@/server/db/client";
import { rotateWebhookSecret, ZRotateWebhookSecret } from "@/server/workflows/webhook-secret";

/** { graceSeconds: 0 | 3600 | 86400 | 604800 } → { secret, rotatedAt, previousSecretExpiresAt }. Builders; audited. */
export const POST = handler<{ workflowId: string }>(async (req, ctx) => {
  const principal = await requireApi();
  const { workflowId } = await ctx.params;
  const body = await readJson(req, ZRotateWebhookSecret);
  return NextResponse.json(await rotateWebhookSecret(getDb(), principal, workflowId, body), { headers: { "cache-control": "no-store" } });
});
