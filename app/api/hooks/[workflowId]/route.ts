import { NextResponse, type NextRequest } from "next/server";
import { handler } from "@/app/_lib/handler";
import { handleWebhook } from "@/server/engine/webhook";
import { getDb } from "@/server/db/client";
import { getRedis } from "@/server/redis/client";

export const dynamic = "force-dynamic";

/**
 * Public: authenticated by the workflow's webhook secret (X-Baton-Secret) or a signature of "<timestamp>.<body>"
 * (X-Baton-Timestamp, X-Baton-Signature), not by a session. An unknown id answers like a wrong secret.
 */
export const POST = handler<{ workflowId: string }>(async (req: NextRequest, ctx) => {
  const { workflowId } = await ctx.params;
  const result = await handleWebhook({ db: getDb(), redis: getRedis() }, workflowId, req);
  return NextResponse.json(result.body, { status: result.status, headers: result.headers });
});
