import { NextResponse } from "next/server";
import { handler } from "@/app/_lib/handler";
import { requireApi } from "@/app/_lib/auth";
import { getDb } from "@/server/db/client";
import { exportWorkflow } from "@/server/workflows/export-workflow";

/** The workflow's draft as a downloadable JSON document (see server/workflows/workflow-document.shared.ts). */
export const GET = handler<{ workflowId: string }>(async (_req, ctx) => {
  const principal = await requireApi("workflow:read");
  const { workflowId } = await ctx.params;
  const { filename, document } = await exportWorkflow(getDb(), principal, workflowId);
  return new NextResponse(`${JSON.stringify(document, null, 2)}\n`, {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "no-store",
    },
  });
});
