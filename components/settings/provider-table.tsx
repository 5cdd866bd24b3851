import { Badge, FlagBadge } from "@/components/shell/badge";
import { Table, TBody, THead, Td, Th, Tr, Sub } from "@/components/shell/data-table";
import { BUTTON } from "@/components/shell/form-styles";
import { formatNumber } from "@/components/format";
import { PROVIDER_KIND_LABELS } from "@/server/gateway/provider-kinds.shared";
import type { TProviderView } from "@/server/providers/providers.shared";

type TActions = {
  onEdit(item: TProviderView): void;
  onTest(item: TProviderView): void;
  onToggle(item: TProviderView): void;
  onDelete(item: TProviderView): void;
  /** The provider whose enable/disable is being saved. */
  pendingId: string | null;
};

function Credentials({ item }: { item: TProviderView }) {
  if (item.kind === "sandbox") return <span className="text-slate-400">Not needed</span>;
  if (item.credentialsProblem) return <Badge tone="red" title={item.credentialsProblem}>Unreadable</Badge>;
  if (!item.credentials) {
    return item.kind === "openai_compatible" ? <span className="text-slate-400">None</span> : <Badge tone="amber">Not configured</Badge>;
  }
  return (
    <span className="font-mono text-xs text-slate-600">
      {Object.entries(item.credentials)
        .map(([, masked]) => masked)
        .join(" · ")}
    </span>
  );
}

export function ProviderTable({ items, actions }: { items: TProviderView[]; actions?: TActions }) {
  return (
    <Table label="Providers">
      <THead>
        <Th>Provider</Th>
        <Th>Kind</Th>
        <Th>Endpoint</Th>
        <Th>Credentials</Th>
        <Th align="right">Models</Th>
        <Th>State</Th>
        {actions ? <Th align="right">Actions</Th> : null}
      </THead>
      <TBody>
        {items.map((p) => (
          <Tr key={p.id}>
            <Td className="min-w-40">
              <div className="font-medium text-slate-900">{p.name}</div>
              {p.kind === "sandbox" ? <Sub>Built in: simulated responses and costs, no external calls</Sub> : null}
            </Td>
            <Td>{p.kind === "sandbox" ? <Badge tone="violet">{PROVIDER_KIND_LABELS[p.kind]}</Badge> : PROVIDER_KIND_LABELS[p.kind]}</Td>
            <Td className="max-w-36 truncate font-mono text-xs">
              {p.baseUrl ?? (p.defaultBaseUrl ? <span className="text-slate-500">{p.defaultBaseUrl}</span> : <span className="font-sans text-slate-400">—</span>)}
            </Td>
            <Td>
              <Credentials item={p} />
            </Td>
            <Td align="right">{formatNumber(p.modelCount)}</Td>
            <Td>
              <FlagBadge isOn={p.isEnabled} />
            </Td>
            {actions ? (
              <Td align="right">
                {/* Two by two, so the table fits 1280 px without scrolling sideways. */}
                <div className="ml-auto grid w-max grid-cols-2 gap-1.5">
                  <button type="button" className={BUTTON.small} onClick={() => actions.onTest(p)} aria-label={`Test connection to ${p.name}`}>
                    Test
                  </button>
                  <button type="button" className={BUTTON.small} onClick={() => actions.onEdit(p)} aria-label={`Edit ${p.name}`}>
                    Edit
                  </button>
                  <button
                    type="button"
                    className={BUTTON.small}
                    disabled={actions.pendingId === p.id}
                    onClick={() => actions.onToggle(p)}
                    aria-label={`${p.isEnabled ? "Disable" : "Enable"} ${p.name}`}
                  >
                    {p.isEnabled ? "Disable" : "Enable"}
                  </button>
                  <button type="button" className={BUTTON.small} onClick={() => actions.onDelete(p)} aria-label={`Delete ${p.name}`}>
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
