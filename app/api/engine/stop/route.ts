import { NextResponse } from "next/server";
import { handler, readJson } from "@/app/_lib/handler";
import { requireApi } from "@/app/_lib/auth";
import { getDb } from "@/server/db/client";
import { getRedis } from "@/server/redis/client";
import { stopEngine } from "@/server/settings/engine-status";
import { ZEmergencyStopRequest } from "@/server/settings/engine-status.shared";

/** Emergency stop: every worker aborts its in-flight calls and no step starts until the engine is resumed. */
export const POST = handler(async (req) => {
  const principal = await requireApi("system:emergency-stop");
  const { reason } = await readJson(req, ZEmergencyStopRequest);
  const emergencyStop = await stopEngine({ db: getDb(), redis: getRedis() }, principal, reason);
  return NextResponse.json({ emergencyStop });
});
