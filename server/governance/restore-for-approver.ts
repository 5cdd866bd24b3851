// The approver's view: the details of a run's approvals with the run's redacted values put back, when every policy
// covering the run allows it (pii.restoreIn includes "approval") and the person may decide approvals in its team.
// Others see the placeholders, as stored.
import type { TDb } from "../db/client";
import { decryptSecret } from "../crypto/secret-box";
import { restoreJson } from "../policy/pii/redact-json";
import type { TPiiVault } from "../policy/pii/redact";
import { mayRestore } from "./call-record";
import { policyLookups } from "./default-deps";

export async function approverView<T>(
  db: TDb,
  run: { teamId: string; workflowId: string; piiVault: string | null },
  mayDecide: boolean,
  values: T[],
): Promise<T[]> {
  if (!run.piiVault || !mayDecide || values.length === 0) return values;
  const { policies } = await policyLookups(db).policiesFor({ teamId: run.teamId, workflowId: run.workflowId });
  if (!mayRestore(policies, "approval")) return values;
  const vault = decryptSecret(run.piiVault) as unknown as TPiiVault;
  return values.map((v) => restoreJson(v, vault));
}
