import { NextResponse } from "next/server";
import { handler, readJson } from "@/app/_lib/handler";
import { requireApi } from "@/app/_lib/auth";
import { getDb } from "@/server/db/client";
import { publishWorkflow, ZPublish } from "@/server/workflows/publish-workflow";

export const POST = handler<{ workflowId: string }>(async (req, ctx) => {
  const principal = await requireApi();
  const { workflowId } = await ctx.params;
  return NextResponse.json(await publishWorkflow(getDb(), principal, workflowId, await readJson(req, ZPublish)), { status: 201 });
});
