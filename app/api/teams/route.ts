import { NextResponse } from "next/server";
import { handler, readJson } from "@/app/_lib/handler";
import { requireApi } from "@/app/_lib/auth";
import { getDb } from "@/server/db/client";
import { listTeams } from "@/server/settings/list-teams";
import { createTeam } from "@/server/teams/manage-teams";
import { ZTeamCreate } from "@/server/teams/team-input.shared";

export const dynamic = "force-dynamic";

/** The teams the caller administers (every team for organisation admins), archived ones marked → { teams }. */
export const GET = handler(async () => {
  const principal = await requireApi();
  return NextResponse.json({ teams: await listTeams(getDb(), principal) });
});

/** Creates a team { name, slug?, description? } → 201 { team }; 409 when the name or slug is taken. Organisation admins. */
export const POST = handler(async (req) => {
  const principal = await requireApi();
  const input = await readJson(req, ZTeamCreate);
  return NextResponse.json({ team: await createTeam(getDb(), principal, input) }, { status: 201 });
});
