import { NextResponse } from "next/server";
import { handler } from "@/app/_lib/handler";
import { requireApi } from "@/app/_lib/auth";
import { getDb } from "@/server/db/client";
import { getPolicyVersion } from "@/server/policies/policy-versions";

export const dynamic = "force-dynamic";

/** → { version: TPolicyVersionView } (with its document); 400 for a bad number, 404 for none. */
export const GET = handler<{ policyId: string; number: string }>(async (_req, ctx) => {
  const principal = await requireApi();
  const { policyId, number } = await ctx.params;
  return NextResponse.json({ version: await getPolicyVersion(getDb(), principal, policyId, number) });
});
