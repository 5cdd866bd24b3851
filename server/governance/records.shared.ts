// What the governance layer keeps of its decisions: one record per decision, stored on the step
// (StepRun.policyDecisions, in order) and appended to the audit trail; and what a model step sent (StepRun.sentRequest).
import { z } from "zod";
import type { TDecisionKind, TFiredRule } from "../policy";

/** Where the decision was taken: before or after a model call or a tool call. */
export const POLICY_POINTS = ["model.pre", "model.post", "tool.pre", "tool.post"] as const;
export type TPolicyPoint = (typeof POLICY_POINTS)[number];

export type TPolicyRecord = {
  point: TPolicyPoint;
  /** ISO time. */
  at: string;
  /** The step's attempt the decision belongs to. */
  attempt: number;
  decision: TDecisionKind;
  /** The first deciding rule's sentence; empty when allowed. */
  reason: string;
  rules: TFiredRule[];
  /** What was governed: `provider/model`, `http host`, `mcp server/tool`. */
  subject: string;
  /** The policies and budgets that covered the call, by name and version: shows that an allow was checked. */
  checked: string[];
  /** A person's answer to the approval this decision asked for; `by` is their name (email when they have none). */
  approval?: { decision: "approved" | "rejected" | "expired"; by: string | null; comment: string | null };
};

/** How a stored record is read back (the run view, the simulator): tolerant of fields added later. */
export const ZPolicyRecord = z
  .object({
    point: z.enum(POLICY_POINTS),
    at: z.string(),
    attempt: z.number(),
    decision: z.enum(["allow", "redact", "require_approval", "block"]),
    reason: z.string(),
    rules: z.array(
      z
        .object({
          kind: z.string(),
          outcome: z.enum(["allow", "redact", "require_approval", "block"]),
          reason: z.string(),
          message: z.string(),
          note: z.enum(["logged", "warning", "downgraded"]).optional(),
          source: z.enum(["policy", "budget"]).optional(),
          policyId: z.string(),
          policyName: z.string(),
          policyVersion: z.number().nullable(),
        })
        .loose(),
    ),
    subject: z.string(),
    checked: z.array(z.string()).default([]),
    approval: z
      .object({ decision: z.enum(["approved", "rejected", "expired"]), by: z.string().nullable(), comment: z.string().nullable() })
      .optional(),
  })
  .loose();

/** The request that left Baton, after redaction, as the policies say to keep it. */
export type TSentRequest =
  | { record: "full"; model: string; provider: string; messages: unknown; params: Record<string, unknown>; sha256: string }
  | { record: "hash"; model: string; provider: string; sha256: string }
  | { record: "none"; model: string; provider: string };
