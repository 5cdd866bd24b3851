// The editor's own browser call: the workflow as the server has it now (after a restore, or to compare with a newer
// draft someone else saved).
import type { TEditorData } from "@/server/workflows/editor.shared";
import { request } from "@/components/shell/api-client";
import { workflowPath } from "@/components/workflows/workflow-api";

export function fetchEditor(workflowId: string): Promise<TEditorData> {
  return request<TEditorData>(`${workflowPath(workflowId)}/editor`);
}
