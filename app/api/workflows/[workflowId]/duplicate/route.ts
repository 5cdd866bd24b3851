import { NextResponse } from "next/server";
import { handler, readJson } from "@/app/_lib/handler";
import { requireApi } from "@/app/_lib/auth";
import { getDb } from "@/server/db/client";
import { duplicateWorkflow, ZDuplicateWorkflow } from "@/server/workflows/duplicate-workflow";

/** { name?, teamId? } → 201 { id, name, teamId }: a draft copy of the workflow's draft. */
export const POST = handler<{ workflowId: string }>(async (req, ctx) => {
  const principal = await requireApi();
  const { workflowId } = await ctx.params;
  const body = await readJson(req, ZDuplicateWorkflow);
  return NextResponse.json(await duplicateWorkflow(getDb(), principal, workflowId, body), { status: 201 });
});
