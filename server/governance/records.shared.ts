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
  /**
   * A person's answer to the approval this decision asked for (`by`: their name, email when they have none); or, with `earlier`, the approvals given earlier in the
   * run that cover it (approvalWhen.per "run"): the call went ahead without asking again.
   */
  approval?: TRecordedApproval;
};

/** An approval given earlier in the run that let a later call through: which, for which step, by whom. */
export type TEarlierApprovalRef = { approvalId: string; nodeId: string; iterationKey: string; by: string | null; comment: string | null };

export type TRecordedApproval = {
  decision: "approved" | "rejected" | "expired";
  by: string | null;
  comment: string | null;
  /** Set when no one was asked for this call: the earlier approvals of the run it relied on (the first's by and comment above). */
  earlier?: TEarlierApprovalRef[];
};

/** The answer in words: `Approved by ann@example.com: “known customer”`, `Approved earlier in this run by … (step "classify")`. */
export function describeApprovalAnswer(a: TRecordedApproval): string {
  const said = (comment: string | null) => (comment ? `: “${comment}”` : "");
  if (a.earlier && a.earlier.length > 0) {
    const parts = a.earlier.map((e) => `by ${e.by ?? "an approver no longer known"} (step "${e.nodeId}"${e.iterationKey ? `, iteration ${e.iterationKey}` : ""})`);
    return `Approved earlier in this run ${parts.join(" and ")}${a.earlier.length === 1 ? said(a.earlier[0]!.comment) : ""}`;
  }
  const verb = a.decision === "approved" ? "Approved" : a.decision === "rejected" ? "Rejected" : "Expired";
  return `${verb}${a.by ? ` by ${a.by}` : ""}${said(a.comment)}`;
}

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
      .object({
        decision: z.enum(["approved", "rejected", "expired"]),
        by: z.string().nullable(),
        comment: z.string().nullable(),
        earlier: z
          .array(z.object({ approvalId: z.string(), nodeId: z.string(), iterationKey: z.string(), by: z.string().nullable(), comment: z.string().nullable() }))
          .optional(),
      })
      .optional(),
  })
  .loose();

/** The request that left Baton, after redaction, as the policies say to keep it. */
export type TSentRequest =
  | { record: "full"; model: string; provider: string; messages: unknown; params: Record<string, unknown>; sha256: string }
  | { record: "hash"; model: string; provider: string; sha256: string }
  | { record: "none"; model: string; provider: string };
