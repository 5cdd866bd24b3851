import { Badge } from "@/components/shell/badge";
import { Table, TBody, THead, Td, Th, Tr, Sub } from "@/components/shell/data-table";
import { DateTime } from "@/components/shell/date-time";
import type { TAuditListItem } from "@/server/audit/audit-list.shared";

const ACTOR_LABELS: Record<TAuditListItem["actorType"], string> = {
  user: "User",
  api_key: "API key",
  system: "System",
  worker: "Worker",
};

const WIDE = "hidden md:table-cell";

export function AuditTable({ items }: { items: TAuditListItem[] }) {
  return (
    <Table label="Audit events">
      <THead>
        <Th>Time</Th>
        <Th className={WIDE}>Actor</Th>
        <Th>Action</Th>
        <Th className={WIDE}>Resource</Th>
        <Th className={WIDE}>Team</Th>
        <Th>Data</Th>
      </THead>
      <TBody>
        {items.map((e) => (
          <Tr key={e.seq}>
            <Td>
              <DateTime value={e.occurredAt} />
              <Sub>#{e.seq}</Sub>
            </Td>
            <Td className={`${WIDE} whitespace-nowrap`}>
              <div className="text-slate-900">{e.actorLabel}</div>
              <Sub>{ACTOR_LABELS[e.actorType]}</Sub>
            </Td>
            <Td>
              <code className="whitespace-nowrap rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-800">
                {e.action}
              </code>
              <div className="md:hidden">
                <Sub>
                  {e.actorLabel} · {e.resourceType}
                </Sub>
              </div>
            </Td>
            <Td className={`${WIDE} whitespace-nowrap`}>
              <div>{e.resourceType}</div>
              {e.resourceId ? (
                <div className="max-w-48 truncate font-mono text-xs text-slate-400" title={e.resourceId}>
                  {e.resourceId}
                </div>
              ) : null}
            </Td>
            <Td className={`${WIDE} whitespace-nowrap`}>{e.teamName ?? <Badge>Organisation</Badge>}</Td>
            <Td className="md:min-w-40">
              {e.dataJson === "{}" ? (
                <span className="text-slate-400">—</span>
              ) : (
                <details className="group">
                  <summary className="cursor-pointer select-none whitespace-nowrap text-xs font-medium text-brand-700 hover:underline">
                    View JSON
                  </summary>
                  <pre className="mt-2 max-h-72 max-w-md overflow-auto rounded bg-slate-900 p-3 font-mono text-xs text-slate-100">
                    {e.dataJson}
                  </pre>
                </details>
              )}
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
