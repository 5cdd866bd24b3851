import type { ReactNode } from "react";
import { notFound } from "next/navigation";
import { requirePage } from "@/app/_lib/auth";
import { getDb } from "@/server/db/client";
import { isAppError } from "@/server/errors";
import { loadWorkflowFor } from "@/server/workflows/workflow-access";

// Checked here, above this page's loading boundary, so that an unknown workflow or one of another team is sent as
// HTTP 404 before streaming starts (notFound() inside the boundary could only render the 404 page with status 200).
// The page loads the editor's data and checks again.
export default async function WorkflowLayout({ children, params }: { children: ReactNode; params: Promise<{ workflowId: string }> }) {
  const principal = await requirePage("workflow:read");
  const { workflowId } = await params;
  await loadWorkflowFor(getDb(), principal, workflowId, "workflow:read").catch((error: unknown) => {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  return children;
}
