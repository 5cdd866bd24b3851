import { Badge, FlagBadge } from "@/components/shell/badge";
import { Table, TBody, THead, Td, Th, Tr } from "@/components/shell/data-table";
import { DateTime } from "@/components/shell/date-time";
import { ROLE_LABELS } from "@/server/auth/permissions";
import type { TUserListItem } from "@/server/settings/settings.shared";

export function UserTable({ items }: { items: TUserListItem[] }) {
  return (
    <Table label="Users">
      <THead>
        <Th>User</Th>
        <Th>Teams and roles</Th>
        <Th>State</Th>
        <Th>Last sign-in</Th>
      </THead>
      <TBody>
        {items.map((u) => (
          <Tr key={u.id}>
            <Td className="min-w-56">
              <div className="font-medium text-slate-900">{u.name}</div>
              <div className="text-xs text-slate-500">{u.email}</div>
            </Td>
            <Td>
              {u.memberships.length === 0 ? (
                <span className="text-slate-400">No team</span>
              ) : (
                <ul className="space-y-1">
                  {u.memberships.map((m) => (
                    <li key={m.teamName} className="flex items-center gap-2 whitespace-nowrap">
                      <span>{m.teamName}</span>
                      <Badge tone={m.role === "admin" ? "violet" : "slate"}>{ROLE_LABELS[m.role]}</Badge>
                    </li>
                  ))}
                </ul>
              )}
            </Td>
            <Td>
              <div className="flex flex-wrap gap-1">
                <FlagBadge isOn={u.isActive} on="Active" off="Deactivated" />
                {u.isOrgAdmin ? <Badge tone="violet">Organisation admin</Badge> : null}
                {u.hasSso ? <Badge tone="sky">SSO</Badge> : null}
              </div>
            </Td>
            <Td>
              {u.lastSignInAt ? <DateTime value={u.lastSignInAt} /> : <span className="text-slate-400">Never</span>}
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
