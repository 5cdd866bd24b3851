import { NextResponse } from "next/server";
import { handler, readJson } from "@/app/_lib/handler";
import { requireApi } from "@/app/_lib/auth";
import { getDb } from "@/server/db/client";
import { getRedis } from "@/server/redis/client";
import { setWorkflowStatus, ZStatusChange } from "@/server/workflows/set-workflow-status";

/** { action: "pause" | "resume" | "archive" | "restore" } */
export const POST = handler<{ workflowId: string }>(async (req, ctx) => {
  const principal = await requireApi();
  const { workflowId } = await ctx.params;
  const body = await readJson(req, ZStatusChange);
  return NextResponse.json(await setWorkflowStatus({ db: getDb(), redis: getRedis() }, principal, workflowId, body));
});
