import { NextResponse } from "next/server";
import { handler, readJson } from "@/app/_lib/handler";
import { requireApi } from "@/app/_lib/auth";
import { decideApproval, ZApprovalDecisionInput } from "@/server/approvals/decide-approval";
import { getDb } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { getRedis } from "@/server/redis/client";
import { optionalId } from "@/server/shared/query-params";

export const dynamic = "force-dynamic";

/** Approves or rejects a pending request: 400 bad body, 403 not allowed, 404 unknown, 409 already decided. */
export const POST = handler<{ approvalId: string }>(async (req, ctx) => {
  const { approvalId } = await ctx.params;
  const principal = await requireApi();
  const input = await readJson(req, ZApprovalDecisionInput);
  // An id from the URL that cannot be one (e.g. a NUL byte, which Postgres rejects) is simply not found.
  if (!optionalId().parse(approvalId)) throw new AppError("NOT_FOUND", "This approval request does not exist.");
  const result = await decideApproval({ db: getDb(), redis: getRedis() }, principal, approvalId, input);
  return NextResponse.json(result);
});
