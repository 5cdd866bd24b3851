import { TriangleAlert } from "lucide-react";
import { Table, TBody, THead, Td, Th, Tr, Sub } from "@/components/shell/data-table";
import { DateTime } from "@/components/shell/date-time";
import { formatRelative } from "@/components/format";
import { ROLE_LABELS } from "@/server/auth/permissions";
import type { TPendingApproval } from "@/server/approvals/pending.shared";

const WIDE = "hidden md:table-cell";
// The run id matters least; it gives way first on tablet widths.
const WIDER = "hidden lg:table-cell";

export function ApprovalTable({ items, now }: { items: TPendingApproval[]; now: string }) {
  const nowDate = new Date(now);
  return (
    <Table label="Pending approvals">
      <THead>
        <Th>Request</Th>
        <Th className={WIDE}>Workflow</Th>
        <Th className={WIDER}>Run</Th>
        <Th className={WIDE}>Requested</Th>
        <Th>Due</Th>
      </THead>
      <TBody>
        {items.map((a) => (
          <Tr key={a.id} className={a.isOverdue ? "bg-red-50/50" : undefined}>
            <Td className="md:min-w-56">
              <div className="font-medium text-slate-900">{a.title}</div>
              <Sub>
                {a.teamName} · for {ROLE_LABELS[a.assigneeRole].toLowerCase()}s
              </Sub>
              <div className="md:hidden">
                <Sub>
                  {a.workflowName} · requested {formatRelative(a.requestedAt, nowDate)}
                </Sub>
              </div>
            </Td>
            <Td className={`${WIDE} whitespace-nowrap`}>{a.workflowName}</Td>
            <Td className={`${WIDER} font-mono text-xs text-slate-500`}>{a.runId}</Td>
            <Td className={WIDE}>
              <DateTime value={a.requestedAt} />
              <Sub>{formatRelative(a.requestedAt, nowDate)}</Sub>
            </Td>
            <Td>
              {a.dueAt ? (
                <>
                  <DateTime value={a.dueAt} />
                  {a.isOverdue ? (
                    <div className="mt-0.5 inline-flex items-center gap-1 text-xs font-medium text-red-700">
                      <TriangleAlert aria-hidden="true" className="h-3.5 w-3.5" />
                      Overdue · was due {formatRelative(a.dueAt, nowDate)}
                    </div>
                  ) : (
                    <Sub>{formatRelative(a.dueAt, nowDate)}</Sub>
                  )}
                </>
              ) : (
                <span className="text-slate-400">No deadline</span>
              )}
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
