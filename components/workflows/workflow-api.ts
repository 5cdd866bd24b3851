// The browser calls of the workflows list: create (blank or from a template), duplicate, archive / restore, import.
import type { TErrorIssue } from "@/server/errors";
import type { TGraphProblem } from "@/server/workflows/graph-problems.shared";

/** An API refusal with the server's user-safe message, its field issues and, for a refused graph, every problem. */
export class WorkflowApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly issues: TErrorIssue[] = [],
    readonly problems: TGraphProblem[] = [],
  ) {
    super(message);
    this.name = "WorkflowApiError";
  }

  /** The message of the issue about one field, e.g. "name". */
  issueFor(path: string): string | undefined {
    return this.issues.find((i) => i.path === path)?.message;
  }
}

type TErrorBody = { error?: { message?: string; issues?: TErrorIssue[]; details?: { problems?: TGraphProblem[] } } };

async function post<T>(url: string, body: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: "POST",
      cache: "no-store",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  } catch {
    throw new WorkflowApiError(0, "Baton could not be reached. Check your connection and try again.");
  }
  const json = (await res.json().catch(() => null)) as (TErrorBody & T) | null;
  if (!res.ok) {
    const error = json?.error;
    throw new WorkflowApiError(
      res.status,
      error?.message ?? `The request failed (HTTP ${res.status}).`,
      error?.issues ?? [],
      error?.details?.problems ?? [],
    );
  }
  return json as T;
}

const workflowPath = (id: string) => `/api/workflows/${encodeURIComponent(id)}`;

export const exportUrl = (id: string) => `${workflowPath(id)}/export`;

export type TCreateInput = { teamId: string; name: string; description?: string; templateKey?: string };

export async function createWorkflow(input: TCreateInput): Promise<string> {
  return (await post<{ workflow: { id: string } }>("/api/workflows", input)).workflow.id;
}

export async function duplicateWorkflow(id: string, input: { name?: string; teamId?: string }): Promise<string> {
  return (await post<{ id: string }>(`${workflowPath(id)}/duplicate`, input)).id;
}

export async function setWorkflowStatus(id: string, action: "archive" | "restore"): Promise<void> {
  await post(`${workflowPath(id)}/status`, { action });
}

export async function importWorkflow(input: { teamId: string; name?: string; document: unknown }): Promise<string> {
  return (await post<{ id: string }>("/api/workflows/import", input)).id;
}

export const editorPath = (id: string) => `/workflows/${encodeURIComponent(id)}`;
