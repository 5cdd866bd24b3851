import type { Redis } from "ioredis";
import type { TDb } from "@/server/db/client";
import type { TEnv } from "@/server/config/env";
import { describeServiceUrl, serviceStartHint } from "@/server/config/service-hints";

/** Fails fast with one readable line when PostgreSQL or Redis cannot be reached. */
export async function assertServicesReachable(deps: { db: TDb; redis: Redis; env: TEnv }): Promise<void> {
  try {
    await deps.db.$queryRaw`SELECT 1`;
  } catch {
    throw new Error(
      `cannot reach PostgreSQL at ${describeServiceUrl(deps.env.DATABASE_URL)}. ${serviceStartHint("postgres")}`,
    );
  }
  try {
    await Promise.race([
      deps.redis.ping(),
      new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), 3000)),
    ]);
  } catch {
    deps.redis.disconnect();
    throw new Error(`cannot reach Redis at ${describeServiceUrl(deps.env.REDIS_URL)}. ${serviceStartHint("redis")}`);
  }
}
