import { NextResponse } from "next/server";
import { handler } from "@/app/_lib/handler";
import { requireApi } from "@/app/_lib/auth";
import { getDb } from "@/server/db/client";
import { revokeApiKey } from "@/server/api-keys/manage-api-keys";

export const dynamic = "force-dynamic";

/** Revokes a key (the row stays, marked revoked): 404 unknown or not the caller's to manage, 409 already revoked. */
export const DELETE = handler<{ apiKeyId: string }>(async (_req, ctx) => {
  const principal = await requireApi();
  const { apiKeyId } = await ctx.params;
  return NextResponse.json({ apiKey: await revokeApiKey(getDb(), principal, apiKeyId) });
});
