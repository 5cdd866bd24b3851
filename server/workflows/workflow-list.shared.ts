// Isomorphic: workflow statuses and the shape of a row in the workflows list.
export const WORKFLOW_STATUSES = ["draft", "published", "paused", "archived"] as const;
export type TWorkflowStatus = (typeof WORKFLOW_STATUSES)[number];

/** The owner filter's value for "workflows I created". */
export const OWNER_ME = "me";

export type TWorkflowListItem = {
  id: string;
  name: string;
  description: string;
  teamId: string;
  teamName: string;
  status: TWorkflowStatus;
  publishedVersion: number | null;
  tags: string[];
  /** Who created the workflow (Workflow.createdById); null when unknown (e.g. created by a system process). */
  ownerId: string | null;
  ownerName: string | null;
  /** The person may duplicate, archive and restore it (workflow:write in its team). */
  canWrite: boolean;
  lastRunAt: string | null;
  /** Runs created in the last 7 days. */
  runs7d: number;
  /** Of those, the seed's generated demo history (Run.isGenerated): the list labels the stats as including it. */
  generatedRuns7d: number;
  /** Succeeded / (succeeded + failed) over the last 7 days; null when none finished. */
  successRate7d: number | null;
  costUsd7d: string;
};

export type TWorkflowListTeam = { id: string; name: string; canWrite: boolean };

export type TWorkflowList = {
  items: TWorkflowListItem[];
  isTruncated: boolean;
  /** Archived workflows are left out unless the status filter asks for them. */
  filters: { q?: string; team?: string; status?: TWorkflowStatus; owner?: string };
  teams: TWorkflowListTeam[];
  /** The other people of the person's teams, for the owner filter ("Mine" stands for the person). */
  owners: { id: string; name: string }[];
};
