// Isomorphic: an approval a policy asked for (server/governance/governance.ts writes its details as
// { kind: "policy", reason, rules, subject, projectedCostUsd? }), read for people: the reason and each rule's
// sentence, what was held and its projected cost. Any other details (a Human Approval node's) give null.
import { z } from "zod";

const ZPolicyHoldDetails = z
  .object({
    kind: z.literal("policy"),
    reason: z.string(),
    rules: z.array(z.string()).catch([]),
    subject: z.string().catch(""),
    projectedCostUsd: z.string().optional().catch(undefined),
  })
  .loose();

export type TPolicyHold = {
  reason: string;
  /** The sentence of every rule that asked for approval (the reason is usually the first). */
  rules: string[];
  /** What was held: `provider/model`, `http host`, `mcp server/tool`. */
  subject: string;
  projectedCostUsd: string | null;
};

export function readPolicyHold(details: unknown): TPolicyHold | null {
  const parsed = ZPolicyHoldDetails.safeParse(details);
  if (!parsed.success) return null;
  const { reason, rules, subject, projectedCostUsd } = parsed.data;
  return { reason, rules, subject, projectedCostUsd: projectedCostUsd ?? null };
}
