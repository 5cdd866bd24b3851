import { NextResponse } from "next/server";
import { handler } from "@/app/_lib/handler";
import { requireApi } from "@/app/_lib/auth";
import { getDb } from "@/server/db/client";
import { diffPolicyVersions } from "@/server/policies/policy-versions";

export const dynamic = "force-dynamic";

/** ?from=<number|draft>&to=<number|draft> → { diff: { from, to, changes: TDocumentChange[] } }. */
export const GET = handler<{ policyId: string }>(async (req, ctx) => {
  const principal = await requireApi();
  const { policyId } = await ctx.params;
  const query = req.nextUrl.searchParams;
  return NextResponse.json({ diff: await diffPolicyVersions(getDb(), principal, policyId, { from: query.get("from"), to: query.get("to") }) });
});
