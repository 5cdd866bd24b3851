import type { Redis } from "ioredis";
import type { TDb } from "./db/client";

export type TCheck = { status: "ok" | "down"; latencyMs: number; error?: string };
export type THealth = { status: "ok" | "degraded"; checks: Record<string, TCheck> };

async function timed(fn: () => Promise<unknown>, timeoutMs: number): Promise<TCheck> {
  const started = performance.now();
  try {
    await Promise.race([
      fn(),
      new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs)),
    ]);
    return { status: "ok", latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    const message = error instanceof Error ? error.message : "unreachable";
    return { status: "down", latencyMs: Math.round(performance.now() - started), error: message };
  }
}

/** Database and Redis reachability, each with its latency. */
export async function checkHealth(deps: { db: TDb; redis: Redis }, timeoutMs = 2000): Promise<THealth> {
  const [database, redis] = await Promise.all([
    timed(() => deps.db.$queryRaw`SELECT 1`, timeoutMs),
    timed(() => deps.redis.ping(), timeoutMs),
  ]);
  const checks = { database, redis };
  return { status: Object.values(checks).every((c) => c.status === "ok") ? "ok" : "degraded", checks };
}
