import type { Metadata } from "next";
import { Users } from "lucide-react";
import { requirePage } from "@/app/_lib/auth";
import { TeamTable } from "@/components/settings/team-table";
import { EmptyState } from "@/components/shell/empty-state";
import { getDb } from "@/server/db/client";
import { listTeams } from "@/server/settings/list-teams";

export const metadata: Metadata = { title: "Teams · Settings" };

export default async function TeamsPage() {
  const principal = await requirePage("team:administer");
  const teams = await listTeams(getDb(), principal);
  return teams.length === 0 ? (
    <EmptyState
      icon={Users}
      title="No teams yet"
      description="Teams own workflows, runs and budgets; people get a role per team."
    />
  ) : (
    <TeamTable items={teams} />
  );
}
