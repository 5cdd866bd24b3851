// The builder panels' browser calls and their TanStack Query keys. Refusals are ApiRequestErrors that keep the
// server's code, message and details (graph problems, the current revision of a stale draft) so that each panel can
// explain them.
import type { TGraphProblem } from "@/server/workflows/graph-problems.shared";
import type { TWorkflowGraph } from "@/server/workflows/graph.shared";
import type { TCostEstimate, TGraphDiff, TVersionSummary } from "@/server/workflows/editor.shared";
import { ApiRequestError, request } from "@/components/shell/api-client";
import { runPath } from "@/components/run-detail/run-queries";
import { workflowPath } from "@/components/workflows/workflow-api";

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

/**
 * Someone saved the draft since the revision this page holds: a 409 that names the current revision (other
 * conflicts, such as an archived or paused workflow, have their own message).
 */
export function isStaleDraft(error: unknown): boolean {
  return error instanceof ApiRequestError && error.status === 409 && typeof error.details.currentRevision === "number";
}

/** A published version's number, or the current draft. */
export type TDiffSide = number | "draft";

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

/** `revision`: re-run a test run with the saved draft at that revision (what the canvas shows now). */
export function postRerun(runId: string, fromNodeId: string, revision?: number): Promise<{ runId: string }> {
  return request<{ runId: string }>(`${runPath(runId)}/rerun`, { method: "POST", body: { fromNodeId, revision } });
}
