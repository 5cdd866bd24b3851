import { Badge, Tag } from "@/components/shell/badge";
import { Table, TBody, THead, Td, Th, Tr, Sub } from "@/components/shell/data-table";
import { DateTime } from "@/components/shell/date-time";
import { BUTTON } from "@/components/shell/form-styles";
import type { TApiKeyListItem } from "@/server/api-keys/api-key.shared";

const STATUS = {
  active: { tone: "green", label: "Active" },
  expired: { tone: "amber", label: "Expired" },
  revoked: { tone: "red", label: "Revoked" },
} as const;

const never = <span className="text-slate-400">Never</span>;

export function ApiKeyTable({ items, onRevoke }: { items: TApiKeyListItem[]; onRevoke: (item: TApiKeyListItem) => void }) {
  return (
    <Table label="API keys">
      <THead>
        <Th>Key</Th>
        <Th>Team</Th>
        <Th>Scopes</Th>
        <Th>Created</Th>
        <Th>Last used</Th>
        <Th>Expires</Th>
        <Th>Status</Th>
        <Th align="right">
          <span className="sr-only">Actions</span>
        </Th>
      </THead>
      <TBody>
        {items.map((k) => (
          <Tr key={k.id} className={k.status === "revoked" ? "text-slate-400" : undefined}>
            <Td className="min-w-48">
              <div className="font-medium text-slate-900">{k.name}</div>
              <div className="font-mono text-xs text-slate-500">bk_{k.prefix}_…</div>
              <Sub>Created by {k.createdByName}</Sub>
            </Td>
            <Td className="whitespace-nowrap">{k.teamName}</Td>
            <Td>
              <div className="flex max-w-56 flex-wrap gap-1">
                {k.scopes.map((s) => (
                  <Tag key={s}>{s}</Tag>
                ))}
              </div>
            </Td>
            <Td>
              <DateTime value={k.createdAt} />
            </Td>
            <Td>{k.lastUsedAt ? <DateTime value={k.lastUsedAt} /> : never}</Td>
            <Td>{k.expiresAt ? <DateTime value={k.expiresAt} /> : never}</Td>
            <Td>
              <Badge tone={STATUS[k.status].tone}>{STATUS[k.status].label}</Badge>
            </Td>
            <Td align="right">
              {k.canRevoke ? (
                <button type="button" className={BUTTON.small} onClick={() => onRevoke(k)} aria-label={`Revoke ${k.name}`}>
                  Revoke
                </button>
              ) : null}
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
