import { NextResponse } from "next/server";
import { handler } from "@/app/_lib/handler";
import { requireApi } from "@/app/_lib/auth";
import { getDb } from "@/server/db/client";
import { getRedis } from "@/server/redis/client";
import { getEngineStatus } from "@/server/settings/engine-status";

/** Emergency-stop state, live workers, queue depths and circuit breakers (Settings → Engine polls this). */
export const GET = handler(async () => {
  const principal = await requireApi("settings:read");
  const status = await getEngineStatus({ db: getDb(), redis: getRedis() }, principal);
  return NextResponse.json(status, { headers: { "cache-control": "no-store" } });
});
