import { Badge, FlagBadge } from "@/components/shell/badge";
import { Table, TBody, THead, Td, Th, Tr, Sub } from "@/components/shell/data-table";
import { formatNumber } from "@/components/format";
import { PROVIDER_KIND_LABELS as KIND_LABELS } from "@/server/gateway/provider-kinds.shared";
import type { TProviderView as TProviderListItem } from "@/server/providers/providers.shared";

export function ProviderTable({ items }: { items: TProviderListItem[] }) {
  return (
    <Table label="Providers">
      <THead>
        <Th>Provider</Th>
        <Th>Kind</Th>
        <Th>Base URL</Th>
        <Th>Credentials</Th>
        <Th align="right">Models</Th>
        <Th>State</Th>
      </THead>
      <TBody>
        {items.map((p) => (
          <Tr key={p.id}>
            <Td className="min-w-48">
              <div className="font-medium text-slate-900">{p.name}</div>
              {p.kind === "sandbox" ? <Sub>Built in: simulated responses and costs, no external calls</Sub> : null}
            </Td>
            <Td>{p.kind === "sandbox" ? <Badge tone="violet">{KIND_LABELS[p.kind]}</Badge> : KIND_LABELS[p.kind]}</Td>
            <Td className="max-w-64 truncate font-mono text-xs">
              {p.baseUrl ?? <span className="font-sans text-slate-400">Default</span>}
            </Td>
            <Td>
              {p.kind === "sandbox" ? (
                <span className="text-slate-400">Not needed</span>
              ) : p.hasCredentials ? (
                <Badge tone="green">Configured</Badge>
              ) : (
                <Badge tone="amber">Not configured</Badge>
              )}
            </Td>
            <Td align="right">{formatNumber(p.modelCount)}</Td>
            <Td>
              <FlagBadge isOn={p.isEnabled} />
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
