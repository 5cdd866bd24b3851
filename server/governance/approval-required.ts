// A policy asked for a person's approval before a call: thrown by the governance layer, turned by the step runner into
// a WAITING step with an approval in the Inbox (the approval machinery of the Human Approval node). When the approval
// is decided the step runs again with the answer (TGovernanceContext.approval): approved continues the call as it
// was, rejected or expired fails the step with the decision.
import type { TPolicyRecord } from "./records.shared";

export class PolicyApprovalRequired extends Error {
  constructor(
    readonly record: TPolicyRecord,
    readonly title: string,
    readonly details: Record<string, unknown>,
  ) {
    super(record.reason);
    this.name = "PolicyApprovalRequired";
  }
}

export function isPolicyApprovalRequired(error: unknown): error is PolicyApprovalRequired {
  return error instanceof PolicyApprovalRequired;
}
