// Lua scripts by their SHA: sent whole once, then by hash.
import { createHash } from "node:crypto";
import type { TRedis } from "./client";

const shas = new Map<string, string>();

/** EVALSHA with a fallback to EVAL when the script cache is empty (after a Redis restart or SCRIPT FLUSH). */
export async function runScript(redis: TRedis, script: string, keys: string[], args: (string | number)[]): Promise<unknown> {
  let sha = shas.get(script);
  if (!sha) {
    sha = createHash("sha1").update(script).digest("hex");
    shas.set(script, sha);
  }
  try {
    return await redis.evalsha(sha, keys.length, ...keys, ...args);
  } catch (error) {
    if (!(error instanceof Error) || !error.message.includes("NOSCRIPT")) throw error;
    return redis.eval(script, keys.length, ...keys, ...args);
  }
}
