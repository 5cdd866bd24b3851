import { NextResponse } from "next/server";
import { handler } from "@/app/_lib/handler";
import { requireApi } from "@/app/_lib/auth";
import { testAlertWebhook } from "@/server/budgets/save-alert-webhook";
import { getDb } from "@/server/db/client";

export const dynamic = "force-dynamic";

/**
 * Sends a signed test payload to the alert webhook through the delivery real alerts use → { isDelivered, status,
 * error }; 409 when none is set. Audited.
 */
export const POST = handler(async () => {
  const principal = await requireApi("settings:write");
  return NextResponse.json(await testAlertWebhook(getDb(), principal));
});
