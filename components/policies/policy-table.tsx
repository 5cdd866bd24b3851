import Link from "next/link";
import { Badge, FlagBadge } from "@/components/shell/badge";
import { Table, TBody, THead, Td, Th, Tr, Sub } from "@/components/shell/data-table";
import { DateTime } from "@/components/shell/date-time";
import type { TPolicyListItem } from "@/server/policies/policy-list.shared";

export function PolicyTable({ items }: { items: TPolicyListItem[] }) {
  return (
    <Table label="Policies">
      <THead>
        <Th>Policy</Th>
        <Th>Scope</Th>
        <Th>State</Th>
        <Th align="right">Version</Th>
        <Th>Updated</Th>
      </THead>
      <TBody>
        {items.map((p) => (
          <Tr key={p.id}>
            <Td className="min-w-56">
              <Link href={`/policies/${p.id}`} className="font-medium text-brand-700 hover:underline">
                {p.name}
              </Link>
              {p.description ? <Sub>{p.description}</Sub> : null}
            </Td>
            <Td>{p.scope.kind === "org" ? <Badge tone="violet">{p.scope.label}</Badge> : <Badge>{p.scope.label}</Badge>}</Td>
            <Td>
              <div className="flex flex-wrap gap-1">
                <FlagBadge isOn={p.isEnabled} />
                {p.hasDraft ? <Badge tone="sky">Unpublished draft</Badge> : null}
                {p.problem ? (
                  <Badge tone="red" title={p.problem}>
                    Unreadable: {p.isEnabled ? "calls it covers are refused" : "disabled"}
                  </Badge>
                ) : null}
              </div>
            </Td>
            <Td align="right">
              {p.currentVersion === null ? <span className="text-slate-400">—</span> : `v${p.currentVersion}`}
            </Td>
            <Td>
              <DateTime value={p.updatedAt} />
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
