// The runs domain's TanStack Query keys and the browser calls of the run detail page.
import type { TRunDetail } from "@/server/runs/run-detail.shared";

export const runKeys = {
  all: ["runs"] as const,
  detail: (runId: string) => ["runs", "detail", runId] as const,
};

/** An API error with the server's user-safe message. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "ApiRequestError";
  }
}

async function request<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, { cache: "no-store", ...init });
  const body = (await res.json().catch(() => null)) as ({ error?: { message?: string } } & T) | null;
  if (!res.ok) {
    throw new ApiRequestError(res.status, body?.error?.message ?? `The request failed (HTTP ${res.status}).`);
  }
  return body as T;
}

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
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ decision, comment: comment?.trim() ? comment.trim() : undefined }),
  });
}

export async function postCancel(runId: string): Promise<void> {
  await request(`${runPath(runId)}/cancel`, { method: "POST" });
}
