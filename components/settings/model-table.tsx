import { FlagBadge, Tag } from "@/components/shell/badge";
import { Table, TBody, THead, Td, Th, Tr, Sub } from "@/components/shell/data-table";
import { formatCompact, formatMoney } from "@/components/format";
import type { TModelListItem } from "@/server/settings/settings.shared";

export function ModelTable({ items }: { items: TModelListItem[] }) {
  return (
    <Table label="Models">
      <THead>
        <Th>Model</Th>
        <Th>Provider</Th>
        <Th align="right">Input / 1M</Th>
        <Th align="right">Output / 1M</Th>
        <Th align="right">Context</Th>
        <Th>Capabilities</Th>
        <Th>State</Th>
      </THead>
      <TBody>
        {items.map((m) => (
          <Tr key={m.id}>
            <Td className="min-w-48">
              <div className="font-medium text-slate-900">{m.displayName}</div>
              <div className="font-mono text-xs text-slate-400">{m.name}</div>
            </Td>
            <Td className="whitespace-nowrap">
              {m.providerName}
              {m.isProviderEnabled ? null : <Sub>Provider disabled</Sub>}
            </Td>
            <Td align="right">{formatMoney(m.inputPricePerMTok)}</Td>
            <Td align="right">{formatMoney(m.outputPricePerMTok)}</Td>
            <Td align="right">
              {formatCompact(m.contextWindow)}
              {m.maxOutputTokens ? <Sub>{formatCompact(m.maxOutputTokens)} out</Sub> : null}
            </Td>
            <Td>
              <div className="flex max-w-56 flex-wrap gap-1">
                {m.capabilities.map((c) => (
                  <Tag key={c}>{c}</Tag>
                ))}
              </div>
            </Td>
            <Td>
              <FlagBadge isOn={m.isEnabled} />
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
