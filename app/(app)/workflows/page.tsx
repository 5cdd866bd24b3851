import type { Metadata } from "next";
import { requirePage } from "@/app/_lib/auth";
import { PageHeader } from "@/components/shell/page-header";
import { ImportWorkflowButton } from "@/components/workflows/import-workflow-dialog";
import { NewWorkflowButton } from "@/components/workflows/new-workflow-dialog";
import { WorkflowFilters } from "@/components/workflows/workflow-filters";
import { WorkflowTable } from "@/components/workflows/workflow-table";
import { WorkflowsEmpty } from "@/components/workflows/workflows-empty";
import { getDb } from "@/server/db/client";
import { firstValues } from "@/server/shared/query-params";
import { listWorkflows } from "@/server/workflows/list-workflows";
import { listTemplates } from "@/server/workflows/templates";

export const metadata: Metadata = { title: "Workflows" };

export default async function WorkflowsPage({ searchParams }: PageProps<"/workflows">) {
  const principal = await requirePage("workflow:read");
  const list = await listWorkflows(getDb(), principal, firstValues(await searchParams));
  const { q, team, status, owner } = list.filters;
  const isFiltered = Boolean(q || team || status || owner);
  const writableTeams = list.teams.filter((t) => t.canWrite).map((t) => ({ id: t.id, name: t.name }));
  const canWrite = writableTeams.length > 0;
  return (
    <>
      <PageHeader
        title="Workflows"
        description="The AI workflows of your teams, with their last 7 days of runs (test runs from the builder count in cost only)."
        actions={
          canWrite ? (
            <>
              <ImportWorkflowButton teams={writableTeams} />
              <NewWorkflowButton teams={writableTeams} templates={listTemplates()} />
            </>
          ) : null
        }
      />
      <WorkflowFilters filters={list.filters} teams={list.teams} owners={list.owners} isFiltered={isFiltered} />
      {list.items.length === 0 ? (
        <WorkflowsEmpty isFiltered={isFiltered} canWrite={canWrite} />
      ) : (
        <>
          <WorkflowTable
            items={list.items}
            now={new Date().toISOString()}
            meId={principal.id}
            writableTeams={writableTeams}
          />
          {list.isTruncated ? (
            <p className="mt-3 text-sm text-slate-500">
              Showing the first {list.items.length} workflows. Narrow the search to see others.
            </p>
          ) : null}
        </>
      )}
    </>
  );
}
