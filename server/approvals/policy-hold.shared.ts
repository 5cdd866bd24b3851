// Isomorphic: an approval a policy asked for (server/governance/governance.ts writes its details as
// { kind: "policy", reason, rules, subject, holds, projectedCostUsd? }), read for people: the reason and each rule's
// sentence, what was held and its projected cost, and whether approving also covers later calls of the run. Any other
// details (a Human Approval node's) give null.
import { z } from "zod";

const ZPolicyHoldDetails = z
  .object({
    kind: z.literal("policy"),
    reason: z.string(),
    rules: z.array(z.string()).catch([]),
    subject: z.string().catch(""),
    projectedCostUsd: z.string().optional().catch(undefined),
    holds: z.array(z.object({ per: z.string() }).loose()).catch([]).default([]),
  })
  .loose();

export type TPolicyHold = {
  reason: string;
  /** The sentence of every rule that asked for approval (the reason is usually the first). */
  rules: string[];
  /** What was held: `provider/model`, `http host`, `mcp server/tool`. */
  subject: string;
  projectedCostUsd: string | null;
  /**
   * A policy that asks once per run held it (approvalWhen.per "run"): approving also lets later calls of the run that
   * the same policy version holds for what was approved go ahead without asking.
   */
  coversLaterCalls: boolean;
};

export function readPolicyHold(details: unknown): TPolicyHold | null {
  const parsed = ZPolicyHoldDetails.safeParse(details);
  if (!parsed.success) return null;
  const { reason, rules, subject, projectedCostUsd, holds } = parsed.data;
  return { reason, rules, subject, projectedCostUsd: projectedCostUsd ?? null, coversLaterCalls: holds.some((h) => h.per === "run") };
}
