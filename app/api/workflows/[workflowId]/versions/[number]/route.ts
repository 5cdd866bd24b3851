import { NextResponse } from "next/server";
import { handler } from "@/app/_lib/handler";
import { requireApi } from "@/app/_lib/auth";
import { getDb } from "@/server/db/client";
import { getVersion } from "@/server/workflows/list-versions";

export const dynamic = "force-dynamic";

/** One published version with its graph → { version: TVersionSummary & { graph } }; 400 for a bad number, 404 for none. */
export const GET = handler<{ workflowId: string; number: string }>(async (_req, ctx) => {
  const principal = await requireApi("workflow:read");
  const { workflowId, number } = await ctx.params;
  return NextResponse.json({ version: await getVersion(getDb(), principal, workflowId, number) });
});
