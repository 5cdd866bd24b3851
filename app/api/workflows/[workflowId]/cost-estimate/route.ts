import { NextResponse } from "next/server";
import { handler, readJson } from "@/app/_lib/handler";
import { requireApi } from "@/app/_lib/auth";
import { getDb } from "@/server/db/client";
import { estimateWorkflowCost, ZCostEstimateRequest } from "@/server/workflows/estimate-cost";

/** Expected cost of one run: { graph? } (the saved draft when left out) → { estimate: TCostEstimate }. */
export const POST = handler<{ workflowId: string }>(async (req, ctx) => {
  const principal = await requireApi("workflow:read");
  const { workflowId } = await ctx.params;
  const body = await readJson(req, ZCostEstimateRequest);
  return NextResponse.json({ estimate: await estimateWorkflowCost(getDb(), principal, workflowId, body) });
});
