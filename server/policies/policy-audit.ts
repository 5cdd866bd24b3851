// Every change to a policy is appended to the audit trail inside the transaction that makes it, with what it was
// before and what it is after (the chain is per policy: resource id).
import type { Prisma } from "../db/generated/client";
import type { TPrincipal } from "../auth/permissions";
import { appendAudit } from "../audit/append";
import { principalActor } from "../auth/actor";

export type TPolicyAuditAction =
  | "policy.created"
  | "policy.updated"
  | "policy.draft_saved"
  | "policy.draft_discarded"
  | "policy.published"
  | "policy.rolled_back"
  | "policy.deleted";

export async function auditPolicy(
  tx: Prisma.TransactionClient,
  principal: TPrincipal,
  action: TPolicyAuditAction,
  policy: { id: string; name: string; teamId: string | null },
  change: { before: unknown; after: unknown } & Record<string, unknown>,
): Promise<void> {
  await appendAudit(tx, {
    actor: principalActor(principal),
    action,
    resource: { type: "policy", id: policy.id },
    teamId: policy.teamId,
    data: { policyName: policy.name, ...change },
  });
}
