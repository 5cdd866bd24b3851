import { NextResponse } from "next/server";
import { handler, readJson } from "@/app/_lib/handler";
import { requireApi } from "@/app/_lib/auth";
import { getDb } from "@/server/db/client";
import { addMember } from "@/server/teams/team-members";
import { ZMemberAdd } from "@/server/teams/team-input.shared";

export const dynamic = "force-dynamic";

/** Adds a person { email | userId, role } to the team → 201 { member }; 400 naming an unknown role, 409 when a member. */
export const POST = handler<{ teamId: string }>(async (req, ctx) => {
  const principal = await requireApi();
  const { teamId } = await ctx.params;
  const input = await readJson(req, ZMemberAdd);
  return NextResponse.json({ member: await addMember(getDb(), principal, teamId, input) }, { status: 201 });
});
