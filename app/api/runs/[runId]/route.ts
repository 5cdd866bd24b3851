import { NextResponse } from "next/server";
import { handler } from "@/app/_lib/handler";
import { requireApi } from "@/app/_lib/auth";
import { getDb } from "@/server/db/client";
import { getRun } from "@/server/runs/get-run";

export const dynamic = "force-dynamic";

/** One run with its steps and approvals; 404 when it does not exist or belongs to a team the person cannot read. */
export const GET = handler<{ runId: string }>(async (_req, ctx) => {
  const { runId } = await ctx.params;
  const principal = await requireApi("run:read");
  return NextResponse.json({ run: await getRun(getDb(), principal, runId) });
});
