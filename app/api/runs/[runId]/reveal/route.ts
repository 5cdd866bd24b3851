import { NextResponse } from "next/server";
import { handler, readJson } from "@/app/_lib/handler";
import { requireApi } from "@/app/_lib/auth";
import { getDb } from "@/server/db/client";
import { revealRun, ZRevealRequest } from "@/server/runs/reveal-run";

export const dynamic = "force-dynamic";

/**
 * The run's values masked at rest, put back: { stepRunId? } → { revealed }. 404 unknown or unreadable run, 403 unless
 * the caller's role is one every masking policy lets reveal; each reveal is audited (pii.reveal).
 */
export const POST = handler<{ runId: string }>(async (req, ctx) => {
  const { runId } = await ctx.params;
  const principal = await requireApi();
  const request = await readJson(req, ZRevealRequest);
  return NextResponse.json({ revealed: await revealRun(getDb(), principal, runId, request) });
});
