// How a policy decision reads in the editor: the words of the run view's decision list (read-policy-decisions.ts).
import type { TTone } from "@/components/shell/badge";

export type TDecision = "allow" | "redact" | "require_approval" | "block";

export const DECISION_VIEW: Record<TDecision, { label: string; would: string; tone: TTone }> = {
  block: { label: "Blocked", would: "Would be blocked", tone: "red" },
  require_approval: { label: "Approval required", would: "Would be held for approval", tone: "amber" },
  redact: { label: "Redacted", would: "Would be redacted", tone: "amber" },
  allow: { label: "Allowed", would: "Allowed", tone: "green" },
};

/** Strictest first. */
export const DECISION_ORDER: TDecision[] = ["block", "require_approval", "redact", "allow"];
