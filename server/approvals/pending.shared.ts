// Isomorphic: the shape of a pending approval in the Inbox.
import type { TRole } from "../auth/permissions";

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
};
