import { NextResponse } from "next/server";
import { handler } from "@/app/_lib/handler";
import { requireApi } from "@/app/_lib/auth";
import { getDb } from "@/server/db/client";
import { listVersions } from "@/server/workflows/list-versions";

export const dynamic = "force-dynamic";

/** Published versions, newest first → { versions: TVersionSummary[] }. */
export const GET = handler<{ workflowId: string }>(async (_req, ctx) => {
  const principal = await requireApi("workflow:read");
  const { workflowId } = await ctx.params;
  return NextResponse.json({ versions: await listVersions(getDb(), principal, workflowId) });
});
