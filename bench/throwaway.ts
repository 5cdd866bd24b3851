// What every bench here starts with: a throwaway database (migrated) and Redis prefix, random secrets, and the
// percentile helper. Call throwawayEnv() before importing anything under server/: those modules read the environment
// when they load.
import { randomBytes } from "node:crypto";
import { execFileSync } from "node:child_process";
import pg from "pg";

export const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

export function throwawayEnv(label: string) {
  const suffix = randomBytes(3).toString("hex");
  const adminUrl = process.env.BATON_TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  const database = `baton_bench_${label}${suffix}`;
  const dbUrl = new URL(adminUrl);
  dbUrl.pathname = `/${database}`;
  process.env.DATABASE_URL = dbUrl.toString();
  process.env.REDIS_PREFIX = `baton-bench-${suffix}`;
  process.env.LOG_LEVEL ??= "warn";
  // Random secrets for this bench; a worker it spawns inherits them.
  process.env.NEXTAUTH_SECRET = randomBytes(32).toString("base64url");
  process.env.BATON_SECRET_KEY = randomBytes(32).toString("base64url");
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    await c.query(sql);
    await c.end();
  };
  return {
    dbUrl,
    async create() {
      await admin(`CREATE DATABASE "${database}"`);
      execFileSync("npx", ["prisma", "migrate", "deploy"], { env: process.env, stdio: "pipe" });
    },
    drop: () => admin(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`),
  };
}
