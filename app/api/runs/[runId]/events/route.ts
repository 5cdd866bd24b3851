import { handler } from "@/app/_lib/handler";
import { requireApi } from "@/app/_lib/auth";
import { getDb } from "@/server/db/client";
import { openRunEventStream, sseResponse } from "@/server/events/sse";
import { findReadableRun } from "@/server/runs/get-run";

export const dynamic = "force-dynamic";

/** Server-sent events of one run (`event: run|step`), for people with run:read in the run's team. */
export const GET = handler<{ runId: string }>(async (req, ctx) => {
  const { runId } = await ctx.params;
  const principal = await requireApi("run:read");
  await findReadableRun(getDb(), principal, runId);
  return sseResponse(await openRunEventStream({ runId, principal, signal: req.signal }));
});
