// The browser calls of the workflows list: create (blank or from a template), duplicate, archive / restore, import.
import { request } from "@/components/shell/api-client";

export const workflowPath = (id: string) => `/api/workflows/${encodeURIComponent(id)}`;

export const exportUrl = (id: string) => `${workflowPath(id)}/export`;

export type TCreateInput = { teamId: string; name: string; description?: string; templateKey?: string };

export async function createWorkflow(input: TCreateInput): Promise<string> {
  return (await request<{ workflow: { id: string } }>("/api/workflows", { method: "POST", body: input })).workflow.id;
}

export async function duplicateWorkflow(id: string, input: { name?: string; teamId?: string }): Promise<string> {
  return (await request<{ id: string }>(`${workflowPath(id)}/duplicate`, { method: "POST", body: input })).id;
}

export async function setWorkflowStatus(id: string, action: "archive" | "restore"): Promise<void> {
  await request(`${workflowPath(id)}/status`, { method: "POST", body: { action } });
}

export async function importWorkflow(input: { teamId: string; name?: string; document: unknown }): Promise<string> {
  return (await request<{ id: string }>("/api/workflows/import", { method: "POST", body: input })).id;
}

export const editorPath = (id: string) => `/workflows/${encodeURIComponent(id)}`;
