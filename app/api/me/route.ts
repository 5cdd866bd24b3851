import { NextResponse } from "next/server";
import { handler, readJson } from "@/app/_lib/handler";
import { requireApi } from "@/app/_lib/auth";
import { getDb } from "@/server/db/client";
import { updateProfile, ZProfileUpdate } from "@/server/users/update-profile";

export const GET = handler(async () => {
  const principal = await requireApi();
  return NextResponse.json({ user: principal });
});

export const PATCH = handler(async (req) => {
  const principal = await requireApi();
  const input = await readJson(req, ZProfileUpdate);
  return NextResponse.json({ user: await updateProfile(getDb(), principal, input) });
});
