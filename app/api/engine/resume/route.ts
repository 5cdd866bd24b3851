import { NextResponse } from "next/server";
import { handler } from "@/app/_lib/handler";
import { requireApi } from "@/app/_lib/auth";
import { getDb } from "@/server/db/client";
import { getRedis } from "@/server/redis/client";
import { resumeStoppedEngine } from "@/server/settings/engine-status";

/** Lifts the emergency stop and wakes every queued or running run; `resumed` says how many. */
export const POST = handler(async () => {
  const principal = await requireApi("system:emergency-stop");
  return NextResponse.json(await resumeStoppedEngine({ db: getDb(), redis: getRedis() }, principal));
});
