// Isomorphic: the shape of a pending approval in the Inbox.
import type { TRole } from "../auth/permissions";
import type { TPolicyHold } from "./policy-hold.shared";

export type TPendingApproval = {
  id: string;
  title: string;
  teamName: string;
  workflowId: string;
  workflowName: string;
  runId: string;
  assigneeRole: TRole;
  requestedAt: string;
  dueAt: string | null;
  isOverdue: boolean;
  /** Its run is demo history made by the seed (Run.isGenerated): the Inbox labels it so. */
  isGenerated: boolean;
  /** A policy held the step before a model or tool call (its reason and rules); null for a Human Approval node's request. */
  hold: TPolicyHold | null;
  /** Whether this person may approve or reject it here (the decision endpoint checks again). */
  canDecide: boolean;
};
