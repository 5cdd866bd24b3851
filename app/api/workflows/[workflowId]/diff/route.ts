import { NextResponse } from "next/server";
import { handler } from "@/app/_lib/handler";
import { requireApi } from "@/app/_lib/auth";
import { getDb } from "@/server/db/client";
import { diffWorkflow } from "@/server/workflows/diff-workflow";

export const dynamic = "force-dynamic";

/** ?from=<number|draft>&to=<number|draft> → { diff: TGraphDiff }. */
export const GET = handler<{ workflowId: string }>(async (req, ctx) => {
  const principal = await requireApi("workflow:read");
  const { workflowId } = await ctx.params;
  const query = req.nextUrl.searchParams;
  const diff = await diffWorkflow(getDb(), principal, workflowId, { from: query.get("from"), to: query.get("to") });
  return NextResponse.json({ diff });
});
