import Link from "next/link";
import { Table, TBody, THead, Td, Th, Tr, Sub } from "@/components/shell/data-table";
import { Tag } from "@/components/shell/badge";
import { WorkflowStatusBadge } from "@/components/shell/status-badge";
import { formatMoney, formatNumber, formatPercent, formatRelative } from "@/components/format";
import type { TWorkflowListItem } from "@/server/workflows/workflow-list.shared";
import type { TTeamOption } from "./workflow-fields";
import { WorkflowRowActions } from "./workflow-row-actions";

// Below `md` the secondary columns fold into a summary line under the name, so the table fits a phone.
const WIDE = "hidden md:table-cell";
const WIDER = "hidden lg:table-cell";

type TProps = { items: TWorkflowListItem[]; now: string; meId: string; writableTeams: TTeamOption[] };

export function WorkflowTable({ items, now, meId, writableTeams }: TProps) {
  const nowDate = new Date(now);
  const ownerOf = (w: TWorkflowListItem) => (w.ownerId === meId ? "You" : (w.ownerName ?? "—"));
  return (
    <Table label="Workflows">
      <THead>
        <Th>Workflow</Th>
        <Th className={WIDER}>Team</Th>
        <Th className={WIDER}>Owner</Th>
        <Th>Status</Th>
        <Th className={WIDE}>Last run</Th>
        <Th className={WIDE} align="right">
          Success 7d
        </Th>
        <Th className={WIDE} align="right">
          Cost 7d
        </Th>
        <Th align="right">
          <span className="sr-only">Actions</span>
        </Th>
      </THead>
      <TBody>
        {items.map((w) => (
          <Tr key={w.id}>
            <Td className="md:min-w-56">
              <Link
                href={`/workflows/${w.id}`}
                className="rounded-sm font-medium text-slate-900 hover:text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
              >
                {w.name}
              </Link>
              {w.description ? (
                <p className="mt-0.5 line-clamp-1 max-w-md text-xs text-slate-500">{w.description}</p>
              ) : null}
              {w.tags.length ? (
                <div className="mt-1.5 flex flex-wrap gap-1">
                  {w.tags.map((t) => (
                    <Tag key={t}>{t}</Tag>
                  ))}
                </div>
              ) : null}
              <div className="lg:hidden">
                <Sub>
                  {w.teamName} · {ownerOf(w)}
                  <span className="md:hidden">
                    {" "}
                    · {formatNumber(w.runs7d)} runs · {formatPercent(w.successRate7d)} ok · {formatMoney(w.costUsd7d)}{" "}
                    (7d)
                  </span>
                </Sub>
              </div>
            </Td>
            <Td className={`${WIDER} whitespace-nowrap`}>{w.teamName}</Td>
            <Td className={`${WIDER} whitespace-nowrap`}>{ownerOf(w)}</Td>
            <Td className="whitespace-nowrap">
              <WorkflowStatusBadge status={w.status} />
              {w.publishedVersion !== null ? <Sub>Live: v{w.publishedVersion}</Sub> : null}
            </Td>
            <Td className={`${WIDE} whitespace-nowrap`}>
              {w.lastRunAt ? (
                <Link
                  href={`/runs?workflow=${w.id}`}
                  className="text-brand-700 hover:underline"
                  title={`Runs of ${w.name}`}
                >
                  {formatRelative(w.lastRunAt, nowDate)}
                </Link>
              ) : (
                <span className="text-slate-400">Never</span>
              )}
            </Td>
            <Td className={`${WIDE} whitespace-nowrap`} align="right">
              {formatPercent(w.successRate7d)}
              <Sub>
                {formatNumber(w.runs7d)} {w.runs7d === 1 ? "run" : "runs"}
              </Sub>
            </Td>
            <Td className={WIDE} align="right">
              {formatMoney(w.costUsd7d)}
            </Td>
            <Td align="right" className="w-10 py-2">
              <WorkflowRowActions workflow={w} writableTeams={writableTeams} />
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
