// Isomorphic: run statuses and the shape of a row in the runs list (used by pages and client components).
export const RUN_STATUSES = ["QUEUED", "RUNNING", "WAITING", "SUCCEEDED", "FAILED", "CANCELLED"] as const;
export type TRunStatus = (typeof RUN_STATUSES)[number];

export const TRIGGER_TYPES = ["manual", "webhook", "schedule", "event", "subworkflow", "api", "test"] as const;
export type TTriggerType = (typeof TRIGGER_TYPES)[number];

export type TRunListItem = {
  id: string;
  workflowId: string;
  workflowName: string;
  teamName: string;
  status: TRunStatus;
  triggerType: TTriggerType;
  /** When the run started executing; queued time when it has not started yet. */
  startedAt: string;
  durationMs: number | null;
  /** Decimal as a string: money is never a float until it is formatted. */
  costUsd: string;
  tokens: number;
  isGenerated: boolean;
  /** A test run from the builder (a snapshot of the draft, not a published version). */
  isTestRun: boolean;
};

export type TRunList = {
  items: TRunListItem[];
  page: number;
  pageCount: number;
  total: number;
  filters: { status?: TRunStatus; workflow?: string };
  workflows: { id: string; name: string; teamName: string }[];
};
