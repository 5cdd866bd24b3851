import { NextResponse } from "next/server";
import { handler } from "@/app/_lib/handler";
import { requireApi } from "@/app/_lib/auth";
import { getRedis } from "@/server/redis/client";
import { listWorkers } from "@/server/workers/presence";

/** Worker processes alive right now (each refreshes its presence every few seconds). */
export const GET = handler(async () => {
  await requireApi("settings:read");
  return NextResponse.json({ workers: await listWorkers(getRedis()) });
});
