// An engine under test: a cloned database, the real `runs` queue in this file's Redis prefix, and a real engine
// worker (in this process). Helpers build graphs, publish workflows, start runs and wait for them.
import pino from "pino";
import { createTestDatabase, type TTestDb } from "./db";
import { createRedis, redisKey, type TRedis } from "@/server/redis/client";
import { closeQueues } from "@/server/queue/connection";
import { startRun } from "@/server/engine/start-run";
import { startEngineWorker, type TEngineWorker } from "@/worker/engine-worker";
import type { TWorkflowGraph, TWorkflowNode, TNodeType } from "@/server/workflows/graph.shared";
import type { RunStatus } from "@/server/db/generated/enums";
import { Prisma } from "@/server/db/generated/client";
import type { TPrincipal } from "@/server/auth/permissions";

export type TNodeSpec = { type: TNodeType; config?: Record<string, unknown>; settings?: TWorkflowNode["settings"] };

export function graph(nodes: Record<string, TNodeSpec>, edges: string[]): TWorkflowGraph {
  return {
    nodes: Object.entries(nodes).map(([id, n], i) => ({ id, type: n.type, typeVersion: 1, position: { x: i * 200, y: 0 }, config: n.config ?? {}, settings: n.settings })),
    edges: edges.map((spec, i) => {
      // "a.out>b.in" or "a>b" (out → in)
      const [from, to] = spec.split(">") as [string, string];
      const [source, sourceHandle = "out"] = from.split(".") as [string, string?];
      const [target, targetHandle = "in"] = to.split(".") as [string, string?];
      return { id: `e${i}`, source, sourceHandle, target, targetHandle };
    }),
  };
}

export type THarness = {
  t: TTestDb;
  redis: TRedis;
  engine: TEngineWorker | null;
  teamId: string;
  principal: TPrincipal;
  publish(g: TWorkflowGraph, opts?: { name?: string; concurrencyLimit?: number }): Promise<string>;
  start(workflowId: string, body?: unknown): Promise<string>;
  waitFor(runId: string, statuses?: RunStatus[], timeoutMs?: number): Promise<{ status: RunStatus; output: unknown; error: string | null }>;
  steps(runId: string): Promise<Map<string, { status: string; output: unknown; attempt: number; error: string | null; firedHandles: string[]; idempotencyKey: string | null }>>;
  /** `reconcileEveryMs`: the reconciler's interval (1 s here unless given). */
  startEngine(opts?: { reconcileEveryMs?: number }): Promise<void>;
  stopEngine(): Promise<void>;
  close(): Promise<void>;
};

const silent = pino({ level: "silent" });

export async function startHarness(label: string, options: { isEngineStarted?: boolean } = {}): Promise<THarness> {
  const t = await createTestDatabase(label);
  const redis = createRedis();
  const team = await t.db.team.create({ data: { slug: "ops", name: "Ops" } });
  const user = await t.db.user.create({ data: { email: "ann@example.com", name: "Ann", memberships: { create: { teamId: team.id, role: "admin" } } } });
  // Tests call loopback stubs: allow private addresses in this database only.
  await t.db.systemSetting.create({ data: { key: "network.outbound", value: { allowPrivateNetworks: true, allowedHosts: [] } } });
  let count = 0;
  const h: THarness = {
    t,
    redis,
    engine: null,
    teamId: team.id,
    principal: { id: user.id, email: user.email, name: user.name, isOrgAdmin: false, memberships: [{ teamId: team.id, teamSlug: "ops", teamName: "Ops", role: "admin", isTeamArchived: false }] },
    async publish(g, opts = {}) {
      count += 1;
      const wf = await t.db.workflow.create({
        data: { teamId: team.id, name: opts.name ?? `wf-${count}`, draftGraph: g as unknown as Prisma.InputJsonValue, webhookSecret: "s3cret", status: "published", concurrencyLimit: opts.concurrencyLimit ?? 100 },
      });
      const v = await t.db.workflowVersion.create({ data: { workflowId: wf.id, number: 1, graph: g as unknown as Prisma.InputJsonValue } });
      await t.db.workflow.update({ where: { id: wf.id }, data: { publishedVersionId: v.id } });
      return wf.id;
    },
    async start(workflowId, body = {}) {
      const { runId } = await startRun({ db: t.db, redis }, { workflowId, input: { body }, triggerType: "manual", actor: { type: "user", id: user.id, label: user.email } });
      return runId;
    },
    async waitFor(runId, statuses = ["SUCCEEDED", "FAILED", "CANCELLED"], timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const run = await t.db.run.findUniqueOrThrow({ where: { id: runId }, select: { status: true, output: true, error: true } });
        if (statuses.includes(run.status)) return run;
        if (Date.now() > deadline) throw new Error(`run ${runId} is ${run.status}, not ${statuses.join("/")} after ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async steps(runId) {
      const rows = await t.db.stepRun.findMany({ where: { runId } });
      return new Map(rows.map((s) => [s.iterationKey ? `${s.nodeId}@${s.iterationKey}` : s.nodeId, s]));
    },
    async startEngine(opts = {}) {
      h.engine = await startEngineWorker({ db: t.db, redis, log: silent, concurrency: 20, reconcileEveryMs: opts.reconcileEveryMs ?? 1000 });
    },
    async stopEngine() {
      await h.engine?.close();
      h.engine = null;
    },
    async close() {
      await h.stopEngine();
      await closeQueues();
      const keys = await redis.keys(redisKey("*"));
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
      await t.drop();
    },
  };
  if (options.isEngineStarted !== false) await h.startEngine();
  return h;
}
