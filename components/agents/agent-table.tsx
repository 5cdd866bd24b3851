import Link from "next/link";
import { Badge, type TTone } from "@/components/shell/badge";
import { Table, TBody, THead, Td, Th, Tr, Sub } from "@/components/shell/data-table";
import { RiskBadge } from "@/components/shell/status-badge";
import type { TAgentListItem } from "@/server/agents/agent-list.shared";

const STATUS: Record<TAgentListItem["status"], { tone: TTone; label: string }> = {
  active: { tone: "green", label: "Active" },
  suspended: { tone: "amber", label: "Suspended" },
  retired: { tone: "slate", label: "Retired" },
};

export function AgentTable({ items }: { items: TAgentListItem[] }) {
  return (
    <Table label="Agents">
      <THead>
        <Th>Agent</Th>
        <Th>Team</Th>
        <Th>Owner</Th>
        <Th>Risk</Th>
        <Th>Status</Th>
        <Th>Workflow</Th>
      </THead>
      <TBody>
        {items.map((a) => (
          <Tr key={a.id}>
            <Td className="min-w-64 max-w-sm">
              <div className="font-medium text-slate-900">{a.name}</div>
              <Sub>{a.purpose}</Sub>
              {a.allowedModels.length ? <Sub>Models: {a.allowedModels.join(", ")}</Sub> : null}
            </Td>
            <Td className="whitespace-nowrap">{a.teamName}</Td>
            <Td className="whitespace-nowrap">{a.ownerName}</Td>
            <Td>
              <RiskBadge risk={a.riskClass} />
            </Td>
            <Td>
              <Badge tone={STATUS[a.status].tone}>{STATUS[a.status].label}</Badge>
            </Td>
            <Td className="min-w-40">
              {a.workflow ? (
                <Link
                  href={`/runs?workflow=${a.workflow.id}`}
                  className="text-brand-700 hover:underline"
                  title={`Runs of ${a.workflow.name}`}
                >
                  {a.workflow.name}
                </Link>
              ) : (
                <span className="text-slate-400">—</span>
              )}
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
