import type { Metadata } from "next";
import { Inbox } from "lucide-react";
import { requirePage } from "@/app/_lib/auth";
import { EmptyState } from "@/components/shell/empty-state";
import { PageHeader } from "@/components/shell/page-header";
import { ApprovalTable } from "@/components/inbox/approval-table";
import { listPendingApprovals } from "@/server/approvals/list-pending";
import { getDb } from "@/server/db/client";

export const metadata: Metadata = { title: "Inbox" };

export default async function InboxPage() {
  const principal = await requirePage("approval:read");
  const now = new Date();
  const items = await listPendingApprovals(getDb(), principal, now);
  const overdue = items.filter((i) => i.isOverdue).length;
  return (
    <>
      <PageHeader
        title="Inbox"
        description={
          items.length === 0
            ? "Approvals requested in your teams: by Human Approval steps, and by policies that hold a model or tool call."
            : `${items.length} pending approval${items.length === 1 ? "" : "s"}${overdue ? `, ${overdue} overdue` : ""} — most urgent first.`
        }
      />
      {items.length === 0 ? (
        <EmptyState
          icon={Inbox}
          title="Nothing waiting for you"
          description="When a run in one of your teams reaches an approval step, or a policy holds one of its model or tool calls, it pauses and the request lands here."
        />
      ) : (
        <ApprovalTable items={items} now={now.toISOString()} />
      )}
    </>
  );
}
