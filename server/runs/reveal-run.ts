// Revealing the values a run stores masked at rest (pii.maskAtRest): POST /api/runs/[runId]/reveal. Only people whose
// role in the run's team every masking policy names may (organisation admins count as admin); each reveal is an audit
// event (pii.reveal) written before the values are returned, so there is no reveal without its record.
import { z } from "zod";
import type { TDb } from "../db/client";
import { can, type TPrincipal } from "../auth/permissions";
import { AppError } from "../errors";
import { appendAudit } from "../audit/append";
import { listWords } from "../policy/decision";
import { mayReveal, maskingPolicyNames, type TAtRestMasking } from "../policy/mask-at-rest";
import { knownPlaceholders } from "../policy/pii/redact";
import { restoreJson } from "../policy/pii/redact-json";
import { runMasking } from "../governance/mask-at-rest";
import { openVault } from "../governance/vault";
import { principalActor } from "../auth/actor";
import { checkedRunId, getRun, NOT_FOUND_MESSAGE } from "./get-run";
import { rolesInTeam } from "./run-masking";
import { allSteps, type TRevealedRun } from "./run-detail.shared";

export const ZRevealRequest = z.strictObject({
  /** One step's values only (its input, output, error and attempts' errors); the whole run without it. */
  stepRunId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "must be a step id").optional(),
});
export type TRevealRequest = z.infer<typeof ZRevealRequest>;

const PLURAL_ROLES = { admin: "admins", builder: "builders", approver: "approvers", viewer: "viewers" } as const;

function refusal(masking: TAtRestMasking): string {
  const names = maskingPolicyNames(masking);
  const masks = `${names.length === 1 ? "Policy" : "Policies"} ${listWords(names)} ${names.length === 1 ? "masks" : "mask"} this run's personal data at rest`;
  if (masking.revealRoles.length > 0) return `${masks}: only ${listWords(masking.revealRoles.map((r) => PLURAL_ROLES[r]))} of its team may reveal it.`;
  const each = masking.policies.map((p) => `${p.name} lets ${listWords(p.document.pii!.revealRoles.map((r) => PLURAL_ROLES[r]))}`);
  return `${masks}: revealing it needs a role each of them names (${listWords(each)}).`;
}

export async function revealRun(db: TDb, principal: TPrincipal, runId: string, request: TRevealRequest): Promise<TRevealedRun> {
  const found = await db.run.findUnique({ where: { id: checkedRunId(runId) }, select: { id: true, teamId: true, workflowId: true, piiVault: true } });
  // A run the person may not read is not found, as on every run route (readableOrNotFound).
  if (!found || !can(principal, "run:read", { teamId: found.teamId })) throw new AppError("NOT_FOUND", NOT_FOUND_MESSAGE);
  const run = found;
  const masking = await runMasking(db, run);
  if (!masking) {
    throw new AppError(
      "FORBIDDEN",
      "No enabled policy covering this run masks personal data at rest now, so no one may reveal what it stores. What it stores is shown as it is; values it masked earlier stay masked until such a policy covers it again.",
    );
  }
  if (!mayReveal(masking, rolesInTeam(principal, run.teamId))) throw new AppError("FORBIDDEN", refusal(masking));

  const detail = await getRun(db, principal, run.id);
  const steps = allSteps(detail.steps).map(({ id, nodeId, iterationKey, input, output, error, attempts }) => ({ id, nodeId, iterationKey, input, output, error, attempts }));
  const step = request.stepRunId === undefined ? undefined : steps.find((s) => s.id === request.stepRunId);
  if (request.stepRunId !== undefined && !step) throw new AppError("NOT_FOUND", "This step is not part of this run.");
  const masked: TRevealedRun = step
    ? { runId: run.id, run: null, steps: [step], approvals: detail.approvals.filter((a) => a.stepRunId === step.id).map(({ id, title, details }) => ({ id, title, details })) }
    : {
        runId: run.id,
        run: { input: detail.input, output: detail.output, error: detail.error },
        steps,
        approvals: detail.approvals.map(({ id, title, details }) => ({ id, title, details })),
      };
  const vault = openVault(run.piiVault);
  await appendAudit(db, {
    actor: principalActor(principal),
    action: "pii.reveal",
    resource: { type: "run", id: run.id },
    teamId: run.teamId,
    data: {
      workflowId: run.workflowId,
      what: step ? "step" : "run",
      ...(step ? { stepRunId: step.id, nodeId: step.nodeId, iterationKey: step.iterationKey } : { steps: steps.length }),
      values: knownPlaceholders(JSON.stringify(masked), vault).length,
      policies: maskingPolicyNames(masking),
    },
  });
  return restoreJson(masked, vault);
}
