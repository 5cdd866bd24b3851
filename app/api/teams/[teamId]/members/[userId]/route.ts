import { NextResponse } from "next/server";
import { handler, readJson } from "@/app/_lib/handler";
import { requireApi } from "@/app/_lib/auth";
import { getDb } from "@/server/db/client";
import { changeMemberRole, removeMember } from "@/server/teams/team-members";
import { ZMemberUpdate } from "@/server/teams/team-input.shared";

export const dynamic = "force-dynamic";

type TParams = { teamId: string; userId: string };

/** Changes the member's role { role } → { member }; 409 for the team's last admin. */
export const PATCH = handler<TParams>(async (req, ctx) => {
  const principal = await requireApi();
  const { teamId, userId } = await ctx.params;
  const input = await readJson(req, ZMemberUpdate);
  return NextResponse.json({ member: await changeMemberRole(getDb(), principal, teamId, userId, input) });
});

/** Removes the person from the team → { isRemoved: true }; 409 for the team's last admin. */
export const DELETE = handler<TParams>(async (_req, ctx) => {
  const principal = await requireApi();
  const { teamId, userId } = await ctx.params;
  await removeMember(getDb(), principal, teamId, userId);
  return NextResponse.json({ isRemoved: true });
});
