import type { Metadata } from "next";
import { requirePage } from "@/app/_lib/auth";
import { PageHeader } from "@/components/shell/page-header";
import { WorkflowFilters } from "@/components/workflows/workflow-filters";
import { WorkflowTable } from "@/components/workflows/workflow-table";
import { WorkflowsEmpty } from "@/components/workflows/workflows-empty";
import { can } from "@/server/auth/permissions";
import { getDb } from "@/server/db/client";
import { firstValues } from "@/server/shared/query-params";
import { listWorkflows } from "@/server/workflows/list-workflows";

export const metadata: Metadata = { title: "Workflows" };

export default async function WorkflowsPage({ searchParams }: PageProps<"/workflows">) {
  const principal = await requirePage("workflow:read");
  const list = await listWorkflows(getDb(), principal, firstValues(await searchParams));
  const isFiltered = Boolean(list.filters.q || list.filters.team || list.filters.status);
  return (
    <>
      <PageHeader title="Workflows" description="The AI workflows of your teams, with their last 7 days of runs." />
      <WorkflowFilters filters={list.filters} teams={list.teams} isFiltered={isFiltered} />
      {list.items.length === 0 ? (
        <WorkflowsEmpty isFiltered={isFiltered} canWrite={can(principal, "workflow:write")} />
      ) : (
        <>
          <WorkflowTable items={list.items} now={new Date().toISOString()} />
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
