// The editor's own browser call: the workflow as the server has it now (after a restore, or to compare with a newer
// draft someone else saved).
import type { TEditorData } from "@/server/workflows/editor.shared";

export async function fetchEditor(workflowId: string): Promise<TEditorData> {
  const res = await fetch(`/api/workflows/${encodeURIComponent(workflowId)}/editor`, { cache: "no-store" });
  const body = (await res.json().catch(() => null)) as (TEditorData & { error?: { message?: string } }) | null;
  if (!res.ok || !body) throw new Error(body?.error?.message ?? `Loading the workflow failed (HTTP ${res.status}).`);
  return body;
}
