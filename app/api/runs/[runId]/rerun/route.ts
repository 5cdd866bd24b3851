import { NextResponse } from "next/server";
import { handler, readJson } from "@/app/_lib/handler";
import { requireApi } from "@/app/_lib/auth";
import { getDb } from "@/server/db/client";
import { getRedis } from "@/server/redis/client";
import { rerunFromNode, ZRerunRequest } from "@/server/engine/rerun-from-node";

/** Re-runs a failed or cancelled run from a node: { fromNodeId, revision? } → 202 { runId }; a test run with the draft at `revision`. */
export const POST = handler<{ runId: string }>(async (req, ctx) => {
  const principal = await requireApi("workflow:run");
  const { runId } = await ctx.params;
  const { fromNodeId, revision } = await readJson(req, ZRerunRequest);
  const rerun = await rerunFromNode({ db: getDb(), redis: getRedis() }, principal, runId, { nodeId: fromNodeId, revision });
  return NextResponse.json({ runId: rerun.runId, status: "QUEUED" }, { status: 202 });
});
