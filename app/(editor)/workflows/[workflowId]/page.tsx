import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requirePage } from "@/app/_lib/auth";
import { WorkflowEditor } from "@/components/builder/canvas/workflow-editor";
import { getDb } from "@/server/db/client";
import { isAppError } from "@/server/errors";
import { loadEditor } from "@/server/workflows/load-editor";

export const metadata: Metadata = { title: "Workflow editor" };

export default async function WorkflowEditorPage({ params }: PageProps<"/workflows/[workflowId]">) {
  const principal = await requirePage("workflow:read");
  const { workflowId } = await params;
  const data = await loadEditor(getDb(), principal, workflowId).catch((error: unknown) => {
    // Unknown workflows and workflows of other teams look the same: a 404 page.
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  return <WorkflowEditor key={`${data.workflow.id}:${data.workflow.draftRevision}`} initial={data} />;
}
