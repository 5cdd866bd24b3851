import { NextResponse } from "next/server";
import { checkHealth } from "@/server/health";
import { getDb } from "@/server/db/client";
import { getRedis } from "@/server/redis/client";
import { handler } from "@/app/_lib/handler";
import { listWorkers } from "@/server/workers/presence";

export const dynamic = "force-dynamic";

export const GET = handler(async () => {
  const health = await checkHealth({ db: getDb(), redis: getRedis() });
  // Informational: the web app is healthy without workers, but operators want to see them.
  const workers = health.checks.redis?.status === "ok" ? (await listWorkers(getRedis())).length : null;
  return NextResponse.json({ service: "web", ...health, workers }, { status: health.status === "ok" ? 200 : 503 });
});
