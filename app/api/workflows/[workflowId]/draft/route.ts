import { NextResponse } from "next/server";
import { handler, readJson } from "@/app/_lib/handler";
import { requireApi } from "@/app/_lib/auth";
import { getDb } from "@/server/db/client";
import { saveDraft, ZSaveDraft } from "@/server/workflows/save-draft";

export const PUT = handler<{ workflowId: string }>(async (req, ctx) => {
  const principal = await requireApi();
  const { workflowId } = await ctx.params;
  return NextResponse.json(await saveDraft(getDb(), principal, workflowId, await readJson(req, ZSaveDraft)));
});
