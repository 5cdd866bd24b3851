import { NextResponse } from "next/server";
import { handler, readJson } from "@/app/_lib/handler";
import { requireApi } from "@/app/_lib/auth";
import { getDb } from "@/server/db/client";
import { getRedis } from "@/server/redis/client";
import { resetCircuitBreaker } from "@/server/net/reset-breaker";
import { ZBreakerResetRequest } from "@/server/settings/engine-status.shared";

/** Closes one circuit breaker (audited). 404 when it has no recorded failures any more. */
export const POST = handler(async (req) => {
  const principal = await requireApi("settings:write");
  const { key } = await readJson(req, ZBreakerResetRequest);
  const { after } = await resetCircuitBreaker({ db: getDb(), redis: getRedis() }, principal, key);
  return NextResponse.json({ key, state: after.state });
});
