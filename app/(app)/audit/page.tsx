import { Suspense } from "react";
import type { Metadata } from "next";
import { ScrollText, SearchX } from "lucide-react";
import { requirePage } from "@/app/_lib/auth";
import { AuditTable } from "@/components/audit/audit-table";
import { ChainStatusSkeleton } from "@/components/audit/chain-status-card";
import { EmptyState } from "@/components/shell/empty-state";
import { FilterBar, TextField } from "@/components/shell/filters";
import { PageHeader } from "@/components/shell/page-header";
import { Pagination } from "@/components/shell/pagination";
import { listAuditEvents } from "@/server/audit/list-events";
import { can } from "@/server/auth/permissions";
import { getDb } from "@/server/db/client";
import { firstValues } from "@/server/shared/query-params";
import { ChainStatus } from "./chain-status";

export const metadata: Metadata = { title: "Audit" };

export default async function AuditPage({ searchParams }: PageProps<"/audit">) {
  const principal = await requirePage("audit:read");
  const list = await listAuditEvents(getDb(), principal, firstValues(await searchParams));
  // The chain spans every team's events and the organisation-level ones: verifying it is for organisation admins.
  const canVerify = can(principal, "audit:verify");
  return (
    <>
      <PageHeader
        title="Audit trail"
        description={
          principal.isOrgAdmin
            ? "Every governed action, append-only and hash-chained: any edit or gap is detectable."
            : "Governed actions in the teams you administer, append-only and hash-chained. Sign-ins and organisation-wide events are shown to organisation admins."
        }
      />
      {canVerify ? (
        // Verifying the chain reads every event: stream it in so the trail itself shows at once.
        <Suspense fallback={<ChainStatusSkeleton />}>
          <ChainStatus />
        </Suspense>
      ) : null}
      <FilterBar clearHref="/audit" isFiltered={Boolean(list.filters.action)}>
        <TextField
          name="action"
          label="Action starts with"
          value={list.filters.action}
          placeholder="e.g. workflow. or auth."
        />
      </FilterBar>
      {list.items.length === 0 ? (
        list.filters.action ? (
          <EmptyState icon={SearchX} title={`No events with an action starting with “${list.filters.action}”`} />
        ) : (
          <EmptyState
            icon={ScrollText}
            title="No audit events yet"
            description={
              principal.isOrgAdmin
                ? "Sign-ins, changes, runs and policy decisions are recorded here as they happen."
                : "Changes, runs and policy decisions in your teams are recorded here as they happen."
            }
          />
        )
      ) : (
        <>
          <AuditTable items={list.items} />
          <Pagination
            basePath="/audit"
            params={list.filters}
            page={list.page}
            pageCount={list.pageCount}
            total={list.total}
            noun="events"
          />
        </>
      )}
    </>
  );
}
