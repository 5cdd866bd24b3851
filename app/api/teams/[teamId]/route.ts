import { NextResponse } from "next/server";
import { handler, readJson } from "@/app/_lib/handler";
import { requireApi } from "@/app/_lib/auth";
import { getDb } from "@/server/db/client";
import { getTeamDetail, updateTeam } from "@/server/teams/manage-teams";
import { ZTeamUpdate } from "@/server/teams/team-input.shared";

export const dynamic = "force-dynamic";

/** The team with its members → { team, members, candidates, canManage }; 404 for a team that is not the caller's. */
export const GET = handler<{ teamId: string }>(async (_req, ctx) => {
  const principal = await requireApi();
  const { teamId } = await ctx.params;
  return NextResponse.json(await getTeamDetail(getDb(), principal, teamId));
});

/** Renames or describes the team (its admins), archives or restores it { isArchived } (organisation admins) → { team }. */
export const PATCH = handler<{ teamId: string }>(async (req, ctx) => {
  const principal = await requireApi();
  const { teamId } = await ctx.params;
  const input = await readJson(req, ZTeamUpdate);
  return NextResponse.json({ team: await updateTeam(getDb(), principal, teamId, input) });
});
