import { NextResponse } from "next/server";
import { handler, readJson } from "@/app/_lib/handler";
import { requireApi } from "@/app/_lib/auth";
import { getDb } from "@/server/db/client";
import { getRedis } from "@/server/redis/client";
import { startManualRun, ZManualRun } from "@/server/runs/start-manual-run";

/** Starts a run by hand: { input?: any, versionId?: string } → 202 { runId }. */
export const POST = handler<{ workflowId: string }>(async (req, ctx) => {
  const principal = await requireApi("workflow:run");
  const { workflowId } = await ctx.params;
  const body = await readJson(req, ZManualRun);
  const { runId } = await startManualRun({ db: getDb(), redis: getRedis() }, principal, workflowId, body);
  return NextResponse.json({ runId, status: "QUEUED" }, { status: 202 });
});
