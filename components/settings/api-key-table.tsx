import { Badge, Tag } from "@/components/shell/badge";
import { Table, TBody, THead, Td, Th, Tr, Sub } from "@/components/shell/data-table";
import { DateTime } from "@/components/shell/date-time";
import type { TApiKeyListItem } from "@/server/settings/settings.shared";

function KeyState({ k }: { k: TApiKeyListItem }) {
  if (k.revokedAt) return <Badge tone="red">Revoked</Badge>;
  if (k.isExpired) return <Badge tone="amber">Expired</Badge>;
  return <Badge tone="green">Active</Badge>;
}

export function ApiKeyTable({ items }: { items: TApiKeyListItem[] }) {
  return (
    <Table label="API keys">
      <THead>
        <Th>Key</Th>
        <Th>Team</Th>
        <Th>Scopes</Th>
        <Th>Expires</Th>
        <Th>Last used</Th>
        <Th>State</Th>
      </THead>
      <TBody>
        {items.map((k) => (
          <Tr key={k.id} className={k.revokedAt ? "text-slate-400" : undefined}>
            <Td className="min-w-48">
              <div className="font-medium text-slate-900">{k.name}</div>
              <div className="font-mono text-xs text-slate-500">{k.prefix}…</div>
              <Sub>Created by {k.createdByName}</Sub>
            </Td>
            <Td className="whitespace-nowrap">{k.teamName}</Td>
            <Td>
              <div className="flex max-w-56 flex-wrap gap-1">
                {k.scopes.length ? (
                  k.scopes.map((s) => <Tag key={s}>{s}</Tag>)
                ) : (
                  <span className="text-slate-400">None</span>
                )}
              </div>
            </Td>
            <Td>{k.expiresAt ? <DateTime value={k.expiresAt} /> : <span className="text-slate-400">Never</span>}</Td>
            <Td>{k.lastUsedAt ? <DateTime value={k.lastUsedAt} /> : <span className="text-slate-400">Never</span>}</Td>
            <Td>
              <KeyState k={k} />
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
