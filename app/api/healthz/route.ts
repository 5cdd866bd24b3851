import { NextResponse } from "next/server";
import { checkHealth } from "@/server/health";
import { getDb } from "@/server/db/client";
import { getRedis } from "@/server/redis/client";
import { handler } from "@/app/_lib/handler";

export const dynamic = "force-dynamic";

export const GET = handler(async () => {
  const health = await checkHealth({ db: getDb(), redis: getRedis() });
  return NextResponse.json({ service: "web", ...health }, { status: health.status === "ok" ? 200 : 503 });
});
