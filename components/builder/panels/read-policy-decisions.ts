// A step's policy decisions as the governance layer stores them (server/governance/records.shared.ts), read into what
// a person needs: where (before or after which call), what was governed, the verdict, the rules that fired with
// their policy and version, what was checked, and a person's approval. A shape this build cannot read gives null,
// and the caller shows the raw JSON instead.
import type { TTone } from "@/components/shell/badge";
import { describeApprovalAnswer, ZPolicyRecord, type TPolicyPoint } from "@/server/governance/records.shared";

export type TPolicyDecisionView = {
  point: string;
  subject: string;
  decision: string;
  tone: TTone;
  /** The sentence of each rule that fired (blocks, approvals, redactions, and logs and warnings too). */
  rules: string[];
  /** The policies and budgets that covered the call, when nothing fired: shows that an allow was checked. */
  checked: string[];
  /** A person's answer, or the approvals given earlier in the run that let the call through, in words. */
  approval: string | null;
  attempt: number;
};

const POINT_LABELS: Record<TPolicyPoint, string> = {
  "model.pre": "Before the model call",
  "model.post": "After the model call",
  "tool.pre": "Before the tool call",
  "tool.post": "After the tool call",
};

const DECISION_LABELS: Record<string, { label: string; tone: TTone }> = {
  allow: { label: "Allowed", tone: "green" },
  redact: { label: "Redacted", tone: "amber" },
  require_approval: { label: "Approval required", tone: "amber" },
  block: { label: "Blocked", tone: "red" },
};

/** The decisions in a readable form; [] when there are none, null when the value has a shape this build cannot read. */
export function readPolicyDecisions(value: unknown): TPolicyDecisionView[] | null {
  if (value === null || value === undefined) return [];
  const parsed = ZPolicyRecord.array().safeParse(value);
  if (!parsed.success) return null;
  return parsed.data.map((r) => {
    const label = DECISION_LABELS[r.decision]!;
    const approval = r.approval ? describeApprovalAnswer(r.approval) : null;
    return {
      point: POINT_LABELS[r.point],
      subject: r.subject,
      decision: label.label,
      tone: label.tone,
      rules: r.rules.map((rule) => rule.message),
      checked: r.checked,
      approval,
      attempt: r.attempt,
    };
  });
}
