import { NextResponse } from "next/server";
import { handler, readJson } from "@/app/_lib/handler";
import { requireApi } from "@/app/_lib/auth";
import { getDb } from "@/server/db/client";
import { updateUser } from "@/server/users/manage-users";
import { ZUserUpdate } from "@/server/users/user-input.shared";

export const dynamic = "force-dynamic";

/**
 * Changes a person { name?, email?, isActive?, isOrgAdmin?, issueCredential? } → { user, secret }: `secret` is the new
 * one-time password or link when one was issued (this answer only), else null. Organisation admins.
 */
export const PATCH = handler<{ userId: string }>(async (req, ctx) => {
  const principal = await requireApi();
  const { userId } = await ctx.params;
  const input = await readJson(req, ZUserUpdate);
  return NextResponse.json(await updateUser(getDb(), principal, userId, input));
});
