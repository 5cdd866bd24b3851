import { Table, TBody, THead, Td, Th, Tr, Sub } from "@/components/shell/data-table";
import { formatNumber } from "@/components/format";
import { ROLE_LABELS, ROLES } from "@/server/auth/permissions";
import type { TTeamListItem } from "@/server/settings/settings.shared";

export function TeamTable({ items }: { items: TTeamListItem[] }) {
  return (
    <Table label="Teams">
      <THead>
        <Th>Team</Th>
        <Th align="right">Members</Th>
        <Th>Roles</Th>
        <Th align="right">Workflows</Th>
      </THead>
      <TBody>
        {items.map((t) => (
          <Tr key={t.id}>
            <Td className="min-w-56">
              <div className="font-medium text-slate-900">{t.name}</div>
              <Sub>
                <span className="font-mono">{t.slug}</span>
                {t.description ? ` · ${t.description}` : null}
              </Sub>
            </Td>
            <Td align="right">{formatNumber(t.memberCount)}</Td>
            <Td className="whitespace-nowrap text-xs text-slate-600">
              {ROLES.filter((r) => t.roleCounts[r] > 0)
                .map((r) => `${t.roleCounts[r]} ${ROLE_LABELS[r].toLowerCase()}${t.roleCounts[r] === 1 ? "" : "s"}`)
                .join(" · ") || <span className="text-slate-400">No members</span>}
            </Td>
            <Td align="right">{formatNumber(t.workflowCount)}</Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
