import { NextResponse } from "next/server";
import { handler, readJson } from "@/app/_lib/handler";
import { requireApi } from "@/app/_lib/auth";
import { getDb } from "@/server/db/client";
import { restoreVersion, ZRestoreVersion } from "@/server/workflows/restore-version";

/** Copies a published version into the draft: { revision } → { draftRevision, problems }; 409 when the draft moved on. */
export const POST = handler<{ workflowId: string; number: string }>(async (req, ctx) => {
  const principal = await requireApi();
  const { workflowId, number } = await ctx.params;
  const body = await readJson(req, ZRestoreVersion);
  return NextResponse.json(await restoreVersion(getDb(), principal, workflowId, number, body));
});
