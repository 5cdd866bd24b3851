import type { Metadata } from "next";
import { requirePage } from "@/app/_lib/auth";
import { TeamsAdmin } from "@/components/settings/people/teams-admin";
import { can } from "@/server/auth/permissions";
import { getDb } from "@/server/db/client";
import { listTeams } from "@/server/settings/list-teams";

export const metadata: Metadata = { title: "Teams · Settings" };

export default async function TeamsPage() {
  const principal = await requirePage("team:administer");
  const teams = await listTeams(getDb(), principal);
  return <TeamsAdmin items={teams} canManage={can(principal, "team:manage")} />;
}
