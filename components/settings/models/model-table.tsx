"use client";

import { Pencil, Power, PowerOff, Trash2 } from "lucide-react";
import { FlagBadge, Tag } from "@/components/shell/badge";
import { Table, TBody, THead, Td, Th, Tr, Sub } from "@/components/shell/data-table";
import { BUTTON } from "@/components/shell/form-styles";
import { formatCompact } from "@/components/format";
import type { TModelListItem } from "@/server/settings/settings.shared";
import { priceText } from "./price-text";

type TProps = {
  items: TModelListItem[];
  /** Absent for people who may only read (no settings:write). */
  actions?: {
    onEdit: (m: TModelListItem) => void;
    onToggle: (m: TModelListItem) => void;
    onDelete: (m: TModelListItem) => void;
  };
};

export function ModelTable({ items, actions }: TProps) {
  return (
    <Table label="Models">
      <THead>
        <Th>Model</Th>
        <Th>Provider</Th>
        <Th align="right">Input / 1M</Th>
        <Th align="right">Cached / 1M</Th>
        <Th align="right">Output / 1M</Th>
        <Th align="right">Context</Th>
        <Th>Capabilities</Th>
        <Th>State</Th>
        {actions ? (
          <Th>
            <span className="sr-only">Actions</span>
          </Th>
        ) : null}
      </THead>
      <TBody>
        {items.map((m) => (
          <Tr key={m.id}>
            <Td className="min-w-48">
              <div className="font-medium text-slate-900">{m.displayName}</div>
              <div className="font-mono text-xs text-slate-400">{m.name}</div>
              {m.tags.length > 0 || m.region ? (
                <div className="mt-1 flex flex-wrap gap-1">
                  {m.region ? <Tag>region {m.region}</Tag> : null}
                  {m.tags.map((t) => (
                    <Tag key={t}>#{t}</Tag>
                  ))}
                </div>
              ) : null}
            </Td>
            <Td className="whitespace-nowrap">
              {m.providerName}
              {m.isProviderEnabled ? null : <Sub>Provider disabled</Sub>}
            </Td>
            <Td align="right">{priceText(m.inputPricePerMTok)}</Td>
            <Td align="right">
              {m.cachedInputPricePerMTok === null ? <span className="text-slate-400" title="Cached input is charged at the input price">—</span> : priceText(m.cachedInputPricePerMTok)}
            </Td>
            <Td align="right">{priceText(m.outputPricePerMTok)}</Td>
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
            {actions ? (
              <Td className="whitespace-nowrap">
                <div className="flex justify-end gap-1.5">
                  <button type="button" className={BUTTON.small} onClick={() => actions.onEdit(m)} aria-label={`Edit ${m.displayName} (${m.providerName})`}>
                    <Pencil aria-hidden="true" className="h-3.5 w-3.5" />
                    Edit
                  </button>
                  <button type="button" className={BUTTON.small} onClick={() => actions.onToggle(m)} aria-label={`${m.isEnabled ? "Disable" : "Enable"} ${m.displayName} (${m.providerName})`}>
                    {m.isEnabled ? <PowerOff aria-hidden="true" className="h-3.5 w-3.5" /> : <Power aria-hidden="true" className="h-3.5 w-3.5" />}
                    {m.isEnabled ? "Disable" : "Enable"}
                  </button>
                  <button type="button" className={BUTTON.small} onClick={() => actions.onDelete(m)} aria-label={`Delete ${m.displayName} (${m.providerName})`}>
                    <Trash2 aria-hidden="true" className="h-3.5 w-3.5" />
                    Delete
                  </button>
                </div>
              </Td>
            ) : null}
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
