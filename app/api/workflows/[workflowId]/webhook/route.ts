import { NextResponse } from "next/server";
import { handler } from "@/app/_lib/handler";
import { requireApi } from "@/app/_lib/auth";
import { getDb } from "@/server/db/client";
import { getEnv } from "@/server/config/env";
import { getWebhookInfo } from "@/server/workflows/webhook-secret";

/** The webhook's address (on NEXTAUTH_URL), auth mode and rotation state; never the secret. Readers of the workflow. */
export const GET = handler<{ workflowId: string }>(async (_req, ctx) => {
  const principal = await requireApi("workflow:read");
  const { workflowId } = await ctx.params;
  const info = await getWebhookInfo(getDb(), principal, workflowId, getEnv().NEXTAUTH_URL);
  return NextResponse.json(info, { headers: { "cache-control": "no-store" } });
});
