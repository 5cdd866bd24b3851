// The runs domain's TanStack Query keys and the browser calls of the run detail page.
import type { TRevealedRun, TRunDetail } from "@/server/runs/run-detail.shared";
import { request } from "@/components/shell/api-client";

export const runKeys = {
  all: ["runs"] as const,
  detail: (runId: string) => ["runs", "detail", runId] as const,
};

export function runPath(runId: string): string {
  return `/api/runs/${encodeURIComponent(runId)}`;
}

export async function fetchRun(runId: string): Promise<TRunDetail> {
  return (await request<{ run: TRunDetail }>(runPath(runId))).run;
}

export type TDecision = { approvalId: string; decision: "approved" | "rejected"; comment?: string };

export async function postDecision({ approvalId, decision, comment }: TDecision): Promise<void> {
  await request(`/api/approvals/${encodeURIComponent(approvalId)}/decision`, {
    method: "POST",
    body: { decision, comment: comment?.trim() ? comment.trim() : undefined },
  });
}

export async function postCancel(runId: string): Promise<void> {
  await request(`${runPath(runId)}/cancel`, { method: "POST" });
}

/** The run's values masked at rest, put back (audited on the server as pii.reveal). */
export async function postReveal(runId: string): Promise<TRevealedRun> {
  return (await request<{ revealed: TRevealedRun }>(`${runPath(runId)}/reveal`, { method: "POST", body: {} })).revealed;
}
