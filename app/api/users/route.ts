import { NextResponse } from "next/server";
import { handler, readJson } from "@/app/_lib/handler";
import { requireApi } from "@/app/_lib/auth";
import { getDb } from "@/server/db/client";
import { listUsers } from "@/server/settings/list-users";
import { createUser } from "@/server/users/manage-users";
import { ZUserCreate } from "@/server/users/user-input.shared";

export const dynamic = "force-dynamic";

/** People with their roles: everyone for organisation admins, a team admin's teams' members → { users }. */
export const GET = handler(async () => {
  const principal = await requireApi();
  return NextResponse.json({ users: await listUsers(getDb(), principal) });
});

/**
 * Creates a person { name, email, teamId, role, credential } → 201 { user, secret }: `secret` is the one-time
 * password or sign-in link, in this answer only. Organisation admins.
 */
export const POST = handler(async (req) => {
  const principal = await requireApi();
  const input = await readJson(req, ZUserCreate);
  return NextResponse.json(await createUser(getDb(), principal, input), { status: 201 });
});
