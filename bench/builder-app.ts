// The builder benchmark's app: a throwaway database (migrated, demo people and catalog seeded without history, the
// generated workflow inserted), a Redis prefix, the production build (built first when missing or stale) served by
// `next start`. Everything it creates is removed by `stop()`.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import pg from "pg";
import { ROOT, isBuildStale, waitForHttp } from "../scripts/lib.mjs";
import type { TWorkflowGraph } from "../server/workflows/graph.shared";

export type TBenchApp = { url: string; workflowId: string; stop: () => Promise<void> };

export function ensureBuild(log: (line: string) => void): void {
  if (!isBuildStale()) return;
  log("no production build, or sources changed since the last one: running next build…");
  // Build output goes to stderr: stdout carries the figures and ends with the JSON line.
  const result = spawnSync("npx", ["next", "build"], { cwd: ROOT, stdio: ["ignore", 2, 2], env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" } });
  if (result.status !== 0) throw new Error(`next build failed (exit ${result.status ?? result.signal})`);
}

/** Creates the database and the workflow, starts the web app; on any failure undoes what was done and rethrows. */
export async function startBenchApp(graph: TWorkflowGraph, port: number): Promise<TBenchApp> {
  const suffix = randomBytes(3).toString("hex");
  const adminUrl = process.env.BATON_TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  const dbName = `baton_bbench_${suffix}`;
  const dbUrl = new URL(adminUrl);
  dbUrl.pathname = `/${dbName}`;
  const redisPrefix = `baton-bbench-${suffix}`;
  const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379/0";
  // Random secrets for this bench, shared by the seed (this process) and the web app it starts.
  process.env.NEXTAUTH_SECRET = randomBytes(32).toString("base64url");
  process.env.BATON_SECRET_KEY = randomBytes(32).toString("base64url");
  // The seed refuses to create demo users without a demo password; this throwaway database's is the test one.
  process.env.BATON_DEMO_PASSWORD = "baton-demo";
  const env = { ...process.env, DATABASE_URL: dbUrl.toString(), REDIS_URL: redisUrl, REDIS_PREFIX: redisPrefix, LOG_LEVEL: "warn" };
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(sql).finally(() => client.end());
  };

  let web: ChildProcess | null = null;
  const stop = async () => {
    if (web && web.exitCode === null && web.signalCode === null) {
      const exited = new Promise<void>((resolve) => web!.once("exit", () => resolve()));
      // npx → next → server: signal the whole process group.
      process.kill(-web.pid!, "SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (web.exitCode === null && web.signalCode === null) process.kill(-web.pid!, "SIGKILL");
    }
    const redis = new Redis(redisUrl);
    const keys = await redis.keys(`${redisPrefix}:*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
    await admin(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  };

  try {
    await admin(`CREATE DATABASE "${dbName}"`);
    const migrate = spawnSync("npx", ["prisma", "migrate", "deploy"], { cwd: ROOT, env, encoding: "utf8" });
    if (migrate.status !== 0) throw new Error(`prisma migrate deploy failed: ${migrate.stderr || migrate.stdout}`);
    const workflowId = await seedBenchData(dbUrl.toString(), graph);

    const url = `http://localhost:${port}`;
    let output = "";
    web = spawn("npx", ["next", "start", "-p", String(port)], {
      cwd: ROOT,
      env: { ...env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", PORT: String(port), NEXTAUTH_URL: url, SIGNIN_MAX_PER_IP: "10000" },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    web.stdout?.on("data", (c: Buffer) => (output += c.toString()));
    web.stderr?.on("data", (c: Buffer) => (output += c.toString()));
    const child = web;
    if (!(await waitForHttp(`${url}/api/healthz`, 120_000, () => child.exitCode === null))) {
      throw new Error(`the web app did not become healthy at ${url}: ${output.slice(-2000)}`);
    }
    return { url, workflowId, stop };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}

/** The demo people, catalog and workflows (no generated history: the editor does not read it), then the big draft. */
async function seedBenchData(databaseUrl: string, graph: TWorkflowGraph): Promise<string> {
  // Imported here: the server modules read DATABASE_URL when first used.
  process.env.DATABASE_URL = databaseUrl;
  const { createDb } = await import("../server/db/client");
  const { seedDemo } = await import("../server/seed");
  const { newWebhookSecret } = await import("../server/workflows/create-workflow");
  const db = createDb(databaseUrl);
  try {
    await seedDemo(db, { historyDays: 0 });
    const team = await db.team.findUniqueOrThrow({ where: { slug: "risk-ops" }, select: { id: true } });
    const admin = await db.user.findUniqueOrThrow({ where: { email: "admin@baton.local" }, select: { id: true } });
    const workflow = await db.workflow.create({
      data: {
        teamId: team.id,
        name: `Builder bench: ${graph.nodes.length} nodes`,
        description: "Generated by bench/builder.ts",
        draftGraph: graph as never,
        webhookSecret: newWebhookSecret(),
        createdById: admin.id,
        updatedById: admin.id,
      },
    });
    return workflow.id;
  } finally {
    await db.$disconnect();
  }
}
