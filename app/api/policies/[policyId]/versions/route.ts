import { NextResponse } from "next/server";
import { handler } from "@/app/_lib/handler";
import { requireApi } from "@/app/_lib/auth";
import { getDb } from "@/server/db/client";
import { listPolicyVersions } from "@/server/policies/policy-versions";

export const dynamic = "force-dynamic";

/** → { versions: TPolicyVersionSummary[] }, newest first. */
export const GET = handler<{ policyId: string }>(async (_req, ctx) => {
  const principal = await requireApi();
  const { policyId } = await ctx.params;
  return NextResponse.json({ versions: await listPolicyVersions(getDb(), principal, policyId) });
});
