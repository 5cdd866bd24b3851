import { NextResponse } from "next/server";
import { handler, readJson } from "@/app/_lib/handler";
import { requireApi } from "@/app/_lib/auth";
import { getDb } from "@/server/db/client";
import { getRedis } from "@/server/redis/client";
import { startTestRun, ZTestRun } from "@/server/workflows/start-test-run";

/** Runs the saved draft: { input?, revision } → 202 { runId }; 400 with details.problems, 409 when stale/paused. */
export const POST = handler<{ workflowId: string }>(async (req, ctx) => {
  const principal = await requireApi();
  const { workflowId } = await ctx.params;
  const body = await readJson(req, ZTestRun);
  const { runId } = await startTestRun({ db: getDb(), redis: getRedis() }, principal, workflowId, body);
  return NextResponse.json({ runId, status: "QUEUED" }, { status: 202 });
});
