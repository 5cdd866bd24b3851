import { NextResponse } from "next/server";
import { handler } from "@/app/_lib/handler";
import { requireApi } from "@/app/_lib/auth";
import { getDb } from "@/server/db/client";
import { loadEditor } from "@/server/workflows/load-editor";

export const dynamic = "force-dynamic";

/** Everything the builder needs to open a workflow → TEditorData. */
export const GET = handler<{ workflowId: string }>(async (_req, ctx) => {
  const principal = await requireApi("workflow:read");
  const { workflowId } = await ctx.params;
  return NextResponse.json(await loadEditor(getDb(), principal, workflowId));
});
