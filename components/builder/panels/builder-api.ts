// The builder panels' browser calls and their TanStack Query keys. Errors keep the server's code, message and
// details (graph problems, the current revision of a stale draft) so that each panel can explain them.
import type { TGraphProblem } from "@/server/workflows/graph-problems.shared";
import type { TWorkflowGraph } from "@/server/workflows/graph.shared";
import type { TCostEstimate, TGraphDiff, TVersionSummary } from "@/server/workflows/editor.shared";
import type { TRunDetail } from "@/server/runs/run-detail.shared";
import { readProblems } from "./read-problems";

export const builderKeys = {
  all: ["builder"] as const,
  workflow: (workflowId: string) => ["builder", workflowId] as const,
  costEstimate: (workflowId: string, graphKey: string) => ["builder", workflowId, "cost-estimate", graphKey] as const,
  versions: (workflowId: string) => ["builder", workflowId, "versions"] as const,
  /** The draft side changes with every save, so its revision is part of the key. */
  diff: (workflowId: string, from: TDiffSide, to: TDiffSide, draftRevision: number) =>
    ["builder", workflowId, "diff", from, to, from === "draft" || to === "draft" ? draftRevision : null] as const,
  run: (runId: string) => ["builder", "run", runId] as const,
};

/** An API error with the server's user-safe message, its code and its structured details. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: string | null = null,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "ApiRequestError";
  }

  /** The graph problems of a refused publish or test run (400 with details.problems); empty otherwise. */
  get problems(): TGraphProblem[] {
    return readProblems(this.details.problems);
  }

  /**
   * Someone saved the draft since the revision this page holds: a 409 that names the current revision (other
   * conflicts, such as an archived or paused workflow, have their own message).
   */
  get isStale(): boolean {
    return this.status === 409 && typeof this.details.currentRevision === "number";
  }
}

type TErrorPayload = { error?: { code?: unknown; message?: unknown; details?: unknown } } | null;

async function request<T>(url: string, init: { method?: "GET" | "POST"; body?: unknown } = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: init.method ?? "GET",
      headers: init.body === undefined ? undefined : { "content-type": "application/json" },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      cache: "no-store",
    });
  } catch {
    throw new ApiRequestError(0, "Baton could not be reached. Check your connection and try again.");
  }
  const payload: unknown = await res.json().catch(() => null);
  if (res.ok) return payload as T;
  const error = (payload as TErrorPayload)?.error;
  const details = error?.details && typeof error.details === "object" ? (error.details as Record<string, unknown>) : {};
  throw new ApiRequestError(
    res.status,
    typeof error?.message === "string" ? error.message : `The request failed (HTTP ${res.status}). Try again.`,
    typeof error?.code === "string" ? error.code : null,
    details,
  );
}

/** A published version's number, or the current draft. */
export type TDiffSide = number | "draft";

const workflowPath = (workflowId: string) => `/api/workflows/${encodeURIComponent(workflowId)}`;
const runPath = (runId: string) => `/api/runs/${encodeURIComponent(runId)}`;

export async function fetchCostEstimate(workflowId: string, graph?: TWorkflowGraph): Promise<TCostEstimate> {
  const body = await request<{ estimate: TCostEstimate }>(`${workflowPath(workflowId)}/cost-estimate`, {
    method: "POST",
    body: graph === undefined ? {} : { graph },
  });
  return body.estimate;
}

export type TPublished = { versionId: string; number: number };

export function postPublish(workflowId: string, input: { note: string; revision: number }): Promise<TPublished> {
  return request<TPublished>(`${workflowPath(workflowId)}/publish`, { method: "POST", body: input });
}

export async function fetchVersions(workflowId: string): Promise<TVersionSummary[]> {
  return (await request<{ versions: TVersionSummary[] }>(`${workflowPath(workflowId)}/versions`)).versions;
}

export async function fetchDiff(workflowId: string, from: TDiffSide, to: TDiffSide): Promise<TGraphDiff> {
  const query = new URLSearchParams({ from: String(from), to: String(to) });
  return (await request<{ diff: TGraphDiff }>(`${workflowPath(workflowId)}/diff?${query}`)).diff;
}

export type TRestored = { draftRevision: number; problems: TGraphProblem[] };

export function postRestore(workflowId: string, versionNumber: number, revision: number): Promise<TRestored> {
  return request<TRestored>(`${workflowPath(workflowId)}/versions/${versionNumber}/restore`, {
    method: "POST",
    body: { revision },
  });
}

export function postTestRun(workflowId: string, input: unknown, revision: number): Promise<{ runId: string }> {
  return request<{ runId: string }>(`${workflowPath(workflowId)}/test-runs`, { method: "POST", body: { input, revision } });
}

export async function fetchRunDetail(runId: string): Promise<TRunDetail> {
  return (await request<{ run: TRunDetail }>(runPath(runId))).run;
}

export function postRerun(runId: string, fromNodeId: string): Promise<{ runId: string }> {
  return request<{ runId: string }>(`${runPath(runId)}/rerun`, { method: "POST", body: { fromNodeId } });
}

/** A message for any thrown value. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : "Something went wrong. Try again.";
}
