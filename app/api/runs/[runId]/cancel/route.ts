import { NextResponse } from "next/server";
import { handler } from "@/app/_lib/handler";
import { requireApi } from "@/app/_lib/auth";
import { assertCan } from "@/server/auth/permissions";
import { principalActor } from "@/server/auth/actor";
import { getDb } from "@/server/db/client";
import { requestCancel } from "@/server/engine/run-commands";
import { getRedis } from "@/server/redis/client";
import { findReadableRun } from "@/server/runs/get-run";

export const dynamic = "force-dynamic";

/** Asks the engine to cancel the run: 404 unknown or not the caller's team's, 403 without run:cancel, 409 when it already ended. */
export const POST = handler<{ runId: string }>(async (_req, ctx) => {
  const { runId } = await ctx.params;
  const principal = await requireApi("run:cancel");
  const run = await findReadableRun(getDb(), principal, runId, "run:cancel");
  assertCan(principal, "run:cancel", { teamId: run.teamId });
  await requestCancel({ db: getDb(), redis: getRedis() }, runId, principalActor(principal));
  return NextResponse.json({ runId, isCancelRequested: true }, { status: 202 });
});
