import type { ReactNode } from "react";
import { requirePage } from "@/app/_lib/auth";
import { AppShell } from "@/components/shell/app-shell";
import type { TShellNavItem } from "@/components/shell/types";
import { countPendingApprovals } from "@/server/approvals/list-pending";
import { can, ROLE_LABELS } from "@/server/auth/permissions";
import { NAV_ITEMS } from "@/server/auth/navigation";
import { getDb } from "@/server/db/client";

// The authenticated shell: only the sections the person may open, and the Inbox's pending count.
export default async function AppLayout({ children }: { children: ReactNode }) {
  const principal = await requirePage();
  const hasInbox = can(principal, "approval:read");
  const pending = hasInbox ? await countPendingApprovals(getDb(), principal) : 0;
  const items: TShellNavItem[] = NAV_ITEMS.filter((item) => can(principal, item.action)).map((item) => ({
    href: item.href,
    label: item.label,
    icon: item.icon,
    badge: item.href === "/inbox" ? pending : undefined,
  }));
  const user = {
    name: principal.name,
    email: principal.email,
    isOrgAdmin: principal.isOrgAdmin,
    memberships: principal.memberships.map((m) => ({ teamName: m.teamName, roleLabel: ROLE_LABELS[m.role] })),
  };
  return (
    <AppShell items={items} user={user}>
      {children}
    </AppShell>
  );
}
