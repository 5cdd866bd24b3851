import { NextResponse } from "next/server";
import { handler, readJson } from "@/app/_lib/handler";
import { requireAccountApi } from "@/app/_lib/auth";
import { getDb } from "@/server/db/client";
import { changeOwnPassword } from "@/server/users/change-password";
import { ZPasswordChange } from "@/server/users/user-input.shared";

export const dynamic = "force-dynamic";

/**
 * The caller chooses their password { currentPassword?, newPassword } → { isChanged: true }. Every session of theirs
 * ends (the page signs in again with the new password). Also open to a session whose password is a one-time one.
 */
export const POST = handler(async (req) => {
  const { principal } = await requireAccountApi();
  const input = await readJson(req, ZPasswordChange);
  await changeOwnPassword(getDb(), principal.id, input);
  return NextResponse.json({ isChanged: true });
});
