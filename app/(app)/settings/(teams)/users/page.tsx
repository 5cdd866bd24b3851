import type { Metadata } from "next";
import { UserRound } from "lucide-react";
import { requirePage } from "@/app/_lib/auth";
import { UserTable } from "@/components/settings/user-table";
import { EmptyState } from "@/components/shell/empty-state";
import { getDb } from "@/server/db/client";
import { listUsers } from "@/server/settings/list-users";

export const metadata: Metadata = { title: "Users · Settings" };

export default async function UsersPage() {
  const principal = await requirePage("team:administer");
  const users = await listUsers(getDb(), principal);
  // The list always contains at least the admin looking at it; the empty state guards odd states only.
  return users.length === 0 ? <EmptyState icon={UserRound} title="No users yet" /> : <UserTable items={users} />;
}
