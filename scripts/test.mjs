#!/usr/bin/env node
// `npm test`: lint + typecheck, Vitest (unit + integration on cloned test databases), then Playwright e2e against a
// production build and a real worker, on a fresh database and Redis prefix that are removed afterwards.
import { randomBytes } from "node:crypto";
import { DEFAULTS, ensureDatabase, ensureDependencies, ensureRedis, isBuildStale, run, say } from "./lib.mjs";

const started = Date.now();
// Random secrets for this run, shared by the seed, the build and the e2e web and worker (Vitest sets its own). The
// throwaway e2e database's demo users get the published test password explicitly (the seed refuses without one).
const newSecret = () => randomBytes(32).toString("base64url");
const env = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: "1",
  NEXTAUTH_SECRET: newSecret(),
  BATON_SECRET_KEY: newSecret(),
  BATON_DEMO_PASSWORD: "baton-demo",
};
const pgBase = process.env.BATON_TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const redisUrl = process.env.REDIS_URL || DEFAULTS.REDIS_URL;

async function main() {
  ensureDependencies();
  await ensureDatabase(pgBase);
  await ensureRedis(redisUrl);

  const step = (label) => say(`── ${label} (${Math.round((Date.now() - started) / 1000)} s)`);

  step("lint");
  run("npx", ["eslint", "--max-warnings=0", "."], env);
  step("typecheck");
  run("npx", ["next", "typegen"], env, { isQuiet: true });
  run("npx", ["tsc", "--noEmit"], env);

  step("unit and integration tests (Vitest)");
  run("npx", ["vitest", "run"], env);

  const e2eDb = new URL(pgBase);
  e2eDb.pathname = `/baton_e2e_${randomBytes(3).toString("hex")}`;
  const e2eEnv = {
    ...env,
    DATABASE_URL: e2eDb.toString(),
    E2E_DATABASE_URL: e2eDb.toString(),
    E2E_REDIS_PREFIX: `baton-e2e-${randomBytes(3).toString("hex")}`,
    REDIS_URL: redisUrl,
  };
  e2eEnv.REDIS_PREFIX = e2eEnv.E2E_REDIS_PREFIX;

  step("e2e: database, migrations and seed");
  await ensureDatabase(e2eEnv.DATABASE_URL);
  try {
    run("npx", ["prisma", "migrate", "deploy"], e2eEnv, { isQuiet: true });
    run("npx", ["tsx", "prisma/seed.ts"], e2eEnv, { isQuiet: true });
    if (isBuildStale()) {
      step("e2e: production build");
      run("npx", ["next", "build"], { ...env, NODE_ENV: "production" });
    }
    step("e2e: Playwright");
    run("npx", ["playwright", "test"], e2eEnv);
  } finally {
    const { default: pg } = await import("pg");
    const client = new pg.Client({ connectionString: pgBase });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${e2eDb.pathname.slice(1)}" WITH (FORCE)`);
    await client.end();
    const { Redis } = await import("ioredis");
    const redis = new Redis(redisUrl);
    const keys = await redis.keys(`${e2eEnv.REDIS_PREFIX}:*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  }
  step(`all tests passed in ${Math.round((Date.now() - started) / 1000)} s`);
}

main().catch((error) => {
  process.stderr.write(`\nbaton tests failed: ${error.message}\n`);
  process.exit(1);
});
