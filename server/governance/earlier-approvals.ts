// The policy approvals a person gave in a run, read back for approvalWhen.per "run" (server/policy/approved-earlier.ts).
// Derived from the stored Approval rows alone (status APPROVED, details.kind "policy", details.holds naming policy id
// and version), so it is exact across worker restarts and workers: a run is advanced by one pass at a time, and an
// approval is decided between passes, so one read per pass sees every approval given before it. The run engine reads
// it at most once per pass, and only when a rule of a policy asking once per run would hold a call.
import { z } from "zod";
import type { TDb } from "../db/client";
import { sqlFor } from "../db/sql";
import { APPROVAL_PER } from "../policy/document";
import type { TGivenApproval } from "../policy/approved-earlier";
import type { TEarlierApprovalRef, TRecordedApproval } from "./records.shared";

/** stepRunId: the step that asked (a retry of that step is covered by its own approval: see governance.ts). */
export type TEarlierApproval = TGivenApproval & TEarlierApprovalRef & { stepRunId: string };

// Approvals asked for before holds were stored have none: they cover nothing, so those calls ask again.
const ZHoldDetails = z
  .object({
    holds: z.array(
      z.object({ policyId: z.string(), policyVersion: z.int(), per: z.enum(APPROVAL_PER), criteria: z.array(z.string()) }),
    ),
    projectedCostUsd: z.string().optional(),
  })
  .loose();

type TRow = { id: string; stepRunId: string; details: unknown; comment: string | null; nodeId: string; iterationKey: string; by: string | null };

export async function loadEarlierApprovals(db: TDb, runId: string): Promise<TEarlierApproval[]> {
  const rows = await sqlFor(db)<TRow>(
    `SELECT a.id, a."stepRunId", a.details, a.comment, s."nodeId", s."iterationKey", COALESCE(NULLIF(u.name, ''), u.email) AS by
     FROM "Approval" a JOIN "StepRun" s ON s.id = a."stepRunId" LEFT JOIN "User" u ON u.id = a."decidedById"
     WHERE a."runId" = $1 AND a.status = 'APPROVED' AND a.details->>'kind' = 'policy' AND a.details ? 'holds'
     ORDER BY a."decidedAt", a.id`,
    [runId],
  );
  const approvals: TEarlierApproval[] = [];
  for (const row of rows) {
    const details = ZHoldDetails.safeParse(row.details);
    if (!details.success) continue;
    approvals.push({
      approvalId: row.id,
      stepRunId: row.stepRunId,
      nodeId: row.nodeId,
      iterationKey: row.iterationKey,
      by: row.by,
      comment: row.comment,
      holds: details.data.holds,
      projectedCostUsd: details.data.projectedCostUsd ?? null,
    });
  }
  return approvals;
}

/** What a call let through by earlier approvals records as its answer (the first approval's by and comment). */
export function earlierAnswer(covering: readonly TEarlierApproval[]): TRecordedApproval {
  const first = covering[0]!;
  return {
    decision: "approved",
    by: first.by,
    comment: first.comment,
    earlier: covering.map(({ approvalId, nodeId, iterationKey, by, comment }) => ({ approvalId, nodeId, iterationKey, by, comment })),
  };
}
