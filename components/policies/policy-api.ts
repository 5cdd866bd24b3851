// The policies domain's TanStack Query keys and the browser's calls to the policy API (app/api/policies/**).
import { request } from "@/components/shell/api-client";
import type { TDocumentChange, TPolicyDetail, TPolicyVersionSummary } from "@/server/policies/policy-detail.shared";
import type { TSimulation } from "@/server/policies/simulation.shared";

export const policyKeys = {
  all: ["policies"] as const,
  detail: (id: string) => [...policyKeys.all, "detail", id] as const,
  versions: (id: string) => [...policyKeys.all, "versions", id] as const,
  diff: (id: string, from: string, to: string) => [...policyKeys.all, "diff", id, from, to] as const,
};

const base = (id: string) => `/api/policies/${encodeURIComponent(id)}`;

export async function fetchPolicy(id: string): Promise<TPolicyDetail> {
  return (await request<{ policy: TPolicyDetail }>(base(id))).policy;
}

export async function saveDraft(id: string, document: unknown): Promise<TPolicyDetail> {
  return (await request<{ policy: TPolicyDetail }>(`${base(id)}/draft`, { method: "PUT", body: { document } })).policy;
}

export async function discardDraft(id: string): Promise<TPolicyDetail> {
  return (await request<{ policy: TPolicyDetail }>(`${base(id)}/draft`, { method: "DELETE" })).policy;
}

export async function publishDraft(id: string, note: string, draftUpdatedAt: string): Promise<TPolicyDetail> {
  return (await request<{ policy: TPolicyDetail }>(`${base(id)}/publish`, { method: "POST", body: { note, draftUpdatedAt } })).policy;
}

export async function updatePolicy(id: string, body: { name?: string; description?: string; isEnabled?: boolean }): Promise<TPolicyDetail> {
  return (await request<{ policy: TPolicyDetail }>(base(id), { method: "PATCH", body })).policy;
}

export async function deletePolicy(id: string): Promise<void> {
  await request(base(id), { method: "DELETE" });
}

export async function fetchVersions(id: string): Promise<TPolicyVersionSummary[]> {
  return (await request<{ versions: TPolicyVersionSummary[] }>(`${base(id)}/versions`)).versions;
}

export async function rollbackTo(id: string, number: number): Promise<TPolicyDetail> {
  return (await request<{ policy: TPolicyDetail }>(`${base(id)}/versions/${number}/rollback`, { method: "POST" })).policy;
}

export async function fetchDiff(id: string, from: string, to: string): Promise<TDocumentChange[]> {
  const query = new URLSearchParams({ from, to });
  return (await request<{ diff: { changes: TDocumentChange[] } }>(`${base(id)}/diff?${query}`)).diff.changes;
}

export async function simulate(id: string, body: { document?: unknown; limit: number; includeGenerated: boolean }): Promise<TSimulation> {
  return (await request<{ simulation: TSimulation }>(`${base(id)}/simulate`, { method: "POST", body })).simulation;
}
