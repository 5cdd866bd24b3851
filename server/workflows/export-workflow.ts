// Export: a workflow's draft as a versioned JSON document (workflow-document.shared.ts), without secrets.
import type { TDb } from "../db/client";
import { AppError } from "../errors";
import type { TPrincipal } from "../auth/permissions";
import { ZWorkflowGraph } from "./graph.shared";
import { loadWorkflowFor } from "./workflow-access";
import { WORKFLOW_DOCUMENT_FORMAT, WORKFLOW_DOCUMENT_VERSION, type TWorkflowDocument } from "./workflow-document.shared";
import { describeReferences, withoutCredentials } from "./workflow-references";

export type TWorkflowExport = { filename: string; document: TWorkflowDocument };

export async function exportWorkflow(
  db: TDb,
  principal: TPrincipal,
  workflowId: string,
  now = new Date(),
): Promise<TWorkflowExport> {
  const workflow = await loadWorkflowFor(db, principal, workflowId, "workflow:read");
  const parsed = ZWorkflowGraph.safeParse(workflow.draftGraph);
  // Drafts are parsed before they are stored, so this is damage, not a person's mistake.
  if (!parsed.success) throw new AppError("CONFLICT", "This workflow's draft cannot be read, so it cannot be exported.");
  const references = await describeReferences(db, workflow.teamId, parsed.data);
  return {
    filename: `${fileSlug(workflow.name)}.baton-workflow.json`,
    document: {
      format: WORKFLOW_DOCUMENT_FORMAT,
      formatVersion: WORKFLOW_DOCUMENT_VERSION,
      exportedAt: now.toISOString(),
      workflow: {
        name: workflow.name,
        description: workflow.description,
        tags: workflow.tags,
        graph: withoutCredentials(parsed.data),
      },
      references,
    },
  };
}

/** A file name safe everywhere: lowercase ASCII letters, digits and dashes. */
export function fileSlug(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/, "");
  return slug || "workflow";
}
