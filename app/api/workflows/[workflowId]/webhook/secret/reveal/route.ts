import { NextResponse } from "next/server";
import { handler } from "@/app/_lib/handler";
import { requireApi } from "@/app/_lib/auth";
import { getDb } from "@/server/db/client";
import { revealWebhookSecret } from "@/server/workflows/webhook-secret";

/** → { secret }. Builders of the workflow's team (workflow:write); every reveal is audited. */
export const POST = handler<{ workflowId: string }>(async (_req, ctx) => {
  const principal = await requireApi();
  const { workflowId } = await ctx.params;
  return NextResponse.json(await revealWebhookSecret(getDb(), principal, workflowId), { headers: { "cache-control": "no-store" } });
});
