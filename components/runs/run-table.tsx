import Link from "next/link";
import { Table, TBody, THead, Td, Th, Tr, Sub } from "@/components/shell/data-table";
import { DateTime } from "@/components/shell/date-time";
import { GeneratedTag, RunStatusBadge } from "@/components/shell/status-badge";
import { formatDuration, formatMoney, formatNumber } from "@/components/format";
import { TRIGGER_LABELS } from "@/components/run-detail/labels";
import type { TRunListItem } from "@/server/runs/run-list.shared";

// Below `md` the secondary columns fold into a summary line under the workflow name.
const WIDE = "hidden md:table-cell";
// Trigger, tokens and team give way first on tablet widths.
const WIDER = "hidden lg:table-cell";

export function RunTable({ items }: { items: TRunListItem[] }) {
  return (
    <Table label="Runs">
      <THead>
        <Th>Workflow</Th>
        <Th>Status</Th>
        <Th className={WIDER}>Trigger</Th>
        <Th className={WIDE}>Started</Th>
        <Th className={WIDE} align="right">
          Duration
        </Th>
        <Th className={WIDE} align="right">
          Cost
        </Th>
        <Th className={WIDER} align="right">
          Tokens
        </Th>
        <Th className={WIDER}>Team</Th>
      </THead>
      <TBody>
        {items.map((r) => (
          <Tr key={r.id}>
            <Td>
              <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
                <Link
                  href={`/runs/${r.id}`}
                  className="font-medium text-slate-900 hover:text-brand-700 hover:underline"
                  title={`Run ${r.id}`}
                >
                  {r.workflowName}
                </Link>
                {r.isGenerated ? <GeneratedTag /> : null}
                {r.isTestRun ? (
                  <span className="rounded bg-violet-50 px-1.5 py-0.5 text-[11px] font-medium text-violet-700" title="A test run of the draft, from the builder">
                    Test
                  </span>
                ) : null}
              </div>
              <div className="md:hidden">
                <Sub>
                  <DateTime value={r.startedAt} /> · {formatDuration(r.durationMs)} · {formatMoney(r.costUsd)}
                </Sub>
              </div>
            </Td>
            <Td>
              <RunStatusBadge status={r.status} />
            </Td>
            <Td className={`${WIDER} whitespace-nowrap`}>{TRIGGER_LABELS[r.triggerType]}</Td>
            <Td className={WIDE}>
              <DateTime value={r.startedAt} />
            </Td>
            <Td className={WIDE} align="right">
              {formatDuration(r.durationMs)}
            </Td>
            <Td className={WIDE} align="right">
              {formatMoney(r.costUsd)}
            </Td>
            <Td className={WIDER} align="right">
              {formatNumber(r.tokens)}
            </Td>
            <Td className={`${WIDER} whitespace-nowrap`}>{r.teamName}</Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
