import { NextResponse } from "next/server";
import { handler, readJson } from "@/app/_lib/handler";
import { requireApi } from "@/app/_lib/auth";
import { getDb } from "@/server/db/client";
import { ZSimulatePolicy } from "@/server/policies/policy-inputs";
import { simulatePolicy } from "@/server/policies/simulate-policy";

export const dynamic = "force-dynamic";

/** { document?, limit? (1–500, default 50), includeGenerated? (default true) } → { simulation: TSimulation }. */
export const POST = handler<{ policyId: string }>(async (req, ctx) => {
  const principal = await requireApi();
  const { policyId } = await ctx.params;
  return NextResponse.json({ simulation: await simulatePolicy(getDb(), principal, policyId, await readJson(req, ZSimulatePolicy)) });
});
