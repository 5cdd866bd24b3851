import type { Metadata } from "next";
import { requirePage } from "@/app/_lib/auth";
import { UsersAdmin } from "@/components/settings/people/users-admin";
import { can } from "@/server/auth/permissions";
import { getDb } from "@/server/db/client";
import { listTeams } from "@/server/settings/list-teams";
import { listUsers } from "@/server/settings/list-users";

export const metadata: Metadata = { title: "Users · Settings" };

export default async function UsersPage() {
  const principal = await requirePage("team:administer");
  const canManage = can(principal, "user:manage");
  const [users, teams] = await Promise.all([listUsers(getDb(), principal), canManage ? listTeams(getDb(), principal) : Promise.resolve([])]);
  // Archived teams take no new people: the new-user form does not offer them.
  const openTeams = teams.filter((t) => t.archivedAt === null).map((t) => ({ id: t.id, name: t.name }));
  return <UsersAdmin items={users} canManage={canManage} teams={openTeams} currentUserId={principal.id} />;
}
