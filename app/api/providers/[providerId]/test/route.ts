import { NextResponse } from "next/server";
import { handler, readJson } from "@/app/_lib/handler";
import { requireApi } from "@/app/_lib/auth";
import { getDb } from "@/server/db/client";
import { ZProviderTest } from "@/server/gateway/provider-kinds.shared";
import { testProvider } from "@/server/providers/test-provider";

export const dynamic = "force-dynamic";

/**
 * Tests the saved provider with one real, minimal request → { test: { isOk, message, latencyMs } } (200 whether or not
 * the provider answered well: the message says what happened). Body `{ model? }`, needed for Bedrock only.
 */
export const POST = handler<{ providerId: string }>(async (req, ctx) => {
  const principal = await requireApi("settings:write");
  const { providerId } = await ctx.params;
  const input = await readJson(req, ZProviderTest);
  return NextResponse.json({ test: await testProvider(getDb(), principal, providerId, input) });
});
