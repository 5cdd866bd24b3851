import type { Metadata } from "next";
import Link from "next/link";
import { Play, SearchX } from "lucide-react";
import { requirePage } from "@/app/_lib/auth";
import { EmptyState } from "@/components/shell/empty-state";
import { PageHeader } from "@/components/shell/page-header";
import { Pagination } from "@/components/shell/pagination";
import { RunFilters } from "@/components/runs/run-filters";
import { RunTable } from "@/components/runs/run-table";
import { getDb } from "@/server/db/client";
import { listRuns } from "@/server/runs/list-runs";
import { firstValues } from "@/server/shared/query-params";

export const metadata: Metadata = { title: "Runs" };

export default async function RunsPage({ searchParams }: PageProps<"/runs">) {
  const principal = await requirePage("run:read");
  const list = await listRuns(getDb(), principal, firstValues(await searchParams));
  const isFiltered = Boolean(list.filters.status || list.filters.workflow);
  return (
    <>
      <PageHeader title="Runs" description="Every execution of your teams' workflows, newest first." />
      <RunFilters filters={list.filters} workflows={list.workflows} isFiltered={isFiltered} />
      {list.items.length === 0 ? (
        isFiltered ? (
          <EmptyState
            icon={SearchX}
            title="No runs match these filters"
            action={
              <Link href="/runs" className="text-sm font-medium text-brand-700 hover:underline">
                Clear filters
              </Link>
            }
          />
        ) : (
          <EmptyState
            icon={Play}
            title="No runs yet"
            description="Runs appear here as soon as a published workflow is triggered — manually, by a schedule, a webhook or the API."
            action={
              <Link href="/workflows" className="text-sm font-medium text-brand-700 hover:underline">
                Go to workflows
              </Link>
            }
          />
        )
      ) : (
        <>
          <RunTable items={list.items} />
          <Pagination
            basePath="/runs"
            params={list.filters}
            page={list.page}
            pageCount={list.pageCount}
            total={list.total}
            noun="runs"
          />
        </>
      )}
    </>
  );
}
