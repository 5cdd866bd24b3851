// Isomorphic: workflow statuses and the shape of a row in the workflows list.
export const WORKFLOW_STATUSES = ["draft", "published", "paused", "archived"] as const;
export type TWorkflowStatus = (typeof WORKFLOW_STATUSES)[number];

export type TWorkflowListItem = {
  id: string;
  name: string;
  description: string;
  teamId: string;
  teamName: string;
  status: TWorkflowStatus;
  publishedVersion: number | null;
  tags: string[];
  lastRunAt: string | null;
  /** Runs created in the last 7 days. */
  runs7d: number;
  /** Succeeded / (succeeded + failed) over the last 7 days; null when none finished. */
  successRate7d: number | null;
  costUsd7d: string;
};

export type TWorkflowList = {
  items: TWorkflowListItem[];
  isTruncated: boolean;
  filters: { q?: string; team?: string; status?: TWorkflowStatus };
  teams: { id: string; name: string }[];
};
