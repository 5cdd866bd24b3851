import { NextResponse } from "next/server";
import { handler } from "@/app/_lib/handler";
import { requireApi } from "@/app/_lib/auth";
import { getDb } from "@/server/db/client";
import { rollbackPolicy } from "@/server/policies/publish-policy";

export const dynamic = "force-dynamic";

/** Publishes a copy of version `number` as a new version ("Rolled back to vN") → { policy: TPolicyDetail }. */
export const POST = handler<{ policyId: string; number: string }>(async (_req, ctx) => {
  const principal = await requireApi();
  const { policyId, number } = await ctx.params;
  return NextResponse.json({ policy: await rollbackPolicy(getDb(), principal, policyId, number) });
});
