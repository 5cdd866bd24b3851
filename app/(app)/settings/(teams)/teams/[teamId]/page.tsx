import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ChevronLeft } from "lucide-react";
import { requirePage } from "@/app/_lib/auth";
import { TeamMembersAdmin } from "@/components/settings/people/team-members-admin";
import { Badge } from "@/components/shell/badge";
import { getDb } from "@/server/db/client";
import { isAppError } from "@/server/errors";
import { getTeamDetail } from "@/server/teams/manage-teams";

export const metadata: Metadata = { title: "Team · Settings" };

async function loadDetail(...args: Parameters<typeof getTeamDetail>) {
  try {
    return await getTeamDetail(...args);
  } catch (error) {
    // Another team's page is not found, like any resource of a team the person cannot see.
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}

export default async function TeamPage({ params }: PageProps<"/settings/teams/[teamId]">) {
  const principal = await requirePage("team:administer");
  const { teamId } = await params;
  const detail = await loadDetail(getDb(), principal, teamId);
  return (
    <section aria-labelledby="team-heading">
      <Link href="/settings/teams" className="mb-3 inline-flex items-center gap-1 text-sm text-slate-500 hover:text-slate-800">
        <ChevronLeft aria-hidden="true" className="h-4 w-4" />
        All teams
      </Link>
      <div className="mb-4 flex flex-wrap items-center gap-2">
        <h2 id="team-heading" className="text-lg font-semibold text-slate-900">
          {detail.team.name}
        </h2>
        <span className="font-mono text-sm text-slate-500">{detail.team.slug}</span>
        {detail.team.archivedAt ? <Badge tone="amber">Archived</Badge> : null}
      </div>
      {detail.team.description ? <p className="mb-4 text-sm text-slate-600">{detail.team.description}</p> : null}
      {detail.team.archivedAt ? (
        <p className="mb-4 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          This team is archived: it starts no new runs and takes no new workflows or API keys. Its members keep reading
          its workflows, runs and audit trail. An organisation admin can restore it on the Teams page.
        </p>
      ) : null}
      <TeamMembersAdmin detail={detail} currentUserId={principal.id} isOrgAdmin={principal.isOrgAdmin} />
    </section>
  );
}
