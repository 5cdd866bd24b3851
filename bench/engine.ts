// npm run bench:engine [-- --runs 1000 --concurrency 100 --warmup 300 --webhook-requests 500 --webhook-warmup 50 --policies]
// Runs N runs of a reference 5-node workflow (webhook → LLM on the Sandbox provider with zero latency → condition →
// HTTP call to a loopback stub → output) through the real queue and one real worker process, on a throwaway
// database and Redis prefix. Prints runs/s, end-to-end latency, engine overhead per step and the CPU each run cost
// (this process, the worker, Postgres, Redis: on a shared machine runs/s moves with whatever else runs, CPU per run much
// less). Then, after that measured window, the webhook-wait mode (bench/webhook-wait.ts): the same workflow with its
// trigger in "wait for the result" mode, called over loopback HTTP at concurrency 1 and 10, latency p50/p99 per level.
// With --policies, a second measured window follows the first with a realistic policy set on (a team budget, a model
// allow-list, PII redaction, a content rule and an approval condition that does not fire), and both are printed: what
// governance costs in throughput and per step. The last line is JSON.
import { createHash } from "node:crypto";
import { parseArgs } from "node:util";
import { pct, throwawayEnv } from "./throwaway";
import { cpuMsSince, groupPids, snapshotCpu } from "./process-cpu";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "1000" },
    concurrency: { type: "string", default: "100" },
    warmup: { type: "string", default: "300" },
    "webhook-requests": { type: "string", default: "500" },
    "webhook-warmup": { type: "string", default: "50" },
    policies: { type: "boolean", default: false },
  },
});
const RUNS = Number(values.runs);
const CONCURRENCY = Number(values.concurrency);
const WARMUP = Math.max(1, Number(values.warmup));
const WEBHOOK_REQUESTS = Math.max(1, Number(values["webhook-requests"]));
const WEBHOOK_WARMUP = Math.max(0, Number(values["webhook-warmup"]));
const WEBHOOK_LEVELS = [1, 10];
const bench = throwawayEnv("");
const { dbUrl } = bench;

async function main() {
  await bench.create();
  // Imported after the environment is set: they read it at load.
  const { createDb } = await import("../server/db/client");
  const { closePoolFor } = await import("../server/db/sql");
  const { createRedis, redisKey } = await import("../server/redis/client");
  const { handleWebhook } = await import("../server/engine/webhook");
  const { closeQueues } = await import("../server/queue/connection");
  const { startHttpStub } = await import("../test/http-stub");
  const { spawnWorker } = await import("../test/worker-process");
  const { graph } = await import("../test/engine-harness");
  const { benchWebhookWait } = await import("./webhook-wait");
  const db = createDb();
  const redis = createRedis();
  const stub = await startHttpStub();
  let worker: Awaited<ReturnType<typeof spawnWorker>> | null = null;
  try {
    const team = await db.team.create({ data: { slug: "bench", name: "Bench" } });
    await db.systemSetting.create({ data: { key: "network.outbound", value: { allowPrivateNetworks: true, allowedHosts: [] } } });
    const provider = await db.provider.create({ data: { name: "Sandbox (simulated)", kind: "sandbox", settings: { latencyMs: 0, latencyJitterMs: 0, errorRate: 0 } } });
    const model = await db.model.create({
      data: { providerId: provider.id, name: "sandbox-fast", displayName: "Sandbox fast", inputPricePerMTok: "0.10", outputPricePerMTok: "0.40", contextWindow: 128_000 },
    });
    const reference = (responseMode: "immediate" | "wait") => graph(
      {
        hook: { type: "trigger.webhook", config: { auth: "secret", responseMode, waitTimeoutMs: 30_000 } },
        score: {
          type: "ai.llm",
          config: {
            model: { kind: "model", modelId: model.id },
            prompt: "Rate the fraud risk of a {{ trigger.body.amount }} EUR payment from {{ trigger.body.country }} by {{ trigger.body.email }}.",
            maxTokens: 64,
            outputSchema: { type: "object", properties: { risk: { type: "number", minimum: 0, maximum: 1 } }, required: ["risk"] },
          },
        },
        check: { type: "control.condition", config: { condition: "nodes.score.output.json.risk >= 0" } },
        notify: { type: "tool.http", config: { method: "POST", url: `${stub.url}/cases`, body: '{"risk": "{{ nodes.score.output.json.risk }}"}' } },
        out: { type: "control.output", config: { value: "{ 'risk': nodes.score.output.json.risk, 'case': nodes.notify.output.status }" } },
      },
      ["hook>score", "score>check", "check.true>notify", "notify>out"],
    );
    const publish = async (name: string, g: ReturnType<typeof reference>) => {
      const created = await db.workflow.create({ data: { teamId: team.id, name, draftGraph: g as never, webhookSecret: "bench-secret", status: "published", concurrencyLimit: 10_000 } });
      const version = await db.workflowVersion.create({ data: { workflowId: created.id, number: 1, graph: g as never } });
      await db.workflow.update({ where: { id: created.id }, data: { publishedVersionId: version.id } });
      return created;
    };
    const wf = await publish("Reference", reference("immediate"));
    const waitingWf = await publish("Reference, waiting for the result", reference("wait"));

    worker = await spawnWorker(dbUrl.toString(), {
      REDIS_PREFIX: process.env.REDIS_PREFIX!,
      WORKER_CONCURRENCY: String(CONCURRENCY),
    });
    const post = (n: number) =>
      handleWebhook({ db, redis }, wf.id, new Request(`http://bench/api/hooks/${wf.id}`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-baton-secret": "bench-secret" },
        body: JSON.stringify({ amount: 10 + n, country: "DE", email: `customer${n}@example.com` }),
      }));

    // Closed loop: CONCURRENCY clients, each submits a run and waits for its end (seen on the live-event firehose).
    const { createSubscriber } = await import("../server/redis/client");
    const { allRunsChannel } = await import("../server/events/live-events");
    const subscriber = createSubscriber();
    const waiters = new Map<string, () => void>();
    const ended = new Set<string>();
    subscriber.on("message", (_channel: string, raw: string) => {
      // Step events are most of the firehose and of no interest here: skip them before parsing.
      if (!raw.startsWith('{"type":"run"')) return;
      const event = JSON.parse(raw) as { type: string; runId: string; status: string };
      if (event.type !== "run" || !["SUCCEEDED", "FAILED", "CANCELLED"].includes(event.status)) return;
      ended.add(event.runId);
      waiters.get(event.runId)?.();
    });
    await subscriber.subscribe(allRunsChannel());
    const closedLoop = async (count: number, firstAmount: number): Promise<string[]> => {
      const ids: string[] = [];
      let next = 0;
      const client = async () => {
        while (next < count) {
          const res = await post(firstAmount + next++);
          const id = String(res.body.runId);
          ids.push(id);
          if (!ended.has(id)) await new Promise<void>((resolve) => waiters.set(id, resolve));
          waiters.delete(id);
        }
      };
      let deadline: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.all(Array.from({ length: CONCURRENCY }, client)),
        new Promise((_, reject) => (deadline = setTimeout(() => reject(new Error("bench did not finish within 10 minutes")), 600_000))),
      ]).finally(() => clearTimeout(deadline));
      return ids;
    };

    // Warm-up, not measured: the same load for a short while, so what is measured is the steady state (code compiled
    // and optimized by V8, connection pools full, caches filled), not a process's first second.
    await closedLoop(WARMUP, RUNS);
    const warmStubCalls = stub.callsTo("/cases").length;
    // CPU used during the measured window by this process, the worker's process group, this database's backends and
    // Redis (shared with anything else using it).
    const pgPids = async () => (await db.$queryRaw<{ pid: number }[]>`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`).map((r) => r.pid);
    const redisPid = Number(/process_id:(\d+)/.exec(await redis.info("server"))?.[1] ?? 0);
    const workerPids = () => groupPids(worker!.child.pid!);
    const measureCpu = async () => {
      const pgBefore = await pgPids();
      const before = {
        bench: process.cpuUsage(),
        worker: snapshotCpu(workerPids()),
        workerMain: snapshotCpu(workerPids(), true),
        pg: snapshotCpu(pgBefore),
        redis: snapshotCpu([redisPid]),
      };
      return async (runCount: number) => {
        const benchCpu = process.cpuUsage(before.bench);
        const ms = {
          bench: (benchCpu.user + benchCpu.system) / 1000,
          worker: cpuMsSince(before.worker, workerPids()),
          workerMain: cpuMsSince(before.workerMain, workerPids(), true),
          postgres: cpuMsSince(before.pg, [...new Set([...before.pg.keys(), ...(await pgPids())])]),
          redis: cpuMsSince(before.redis, [redisPid]),
        };
        const perRun = (x: number) => Math.round((x / runCount) * 100) / 100;
        return {
          cpu_ms_per_run: perRun(ms.bench + ms.worker + ms.postgres + ms.redis),
          cpu_ms_per_run_split: { bench: perRun(ms.bench), worker: perRun(ms.worker), postgres: perRun(ms.postgres), redis: perRun(ms.redis) },
          worker_main_thread_ms_per_run: perRun(ms.workerMain),
        };
      };
    };
    const stopCpu = await measureCpu();
    const probeBefore = hostProbeMs();
    const started = Date.now();
    const runIds = await closedLoop(RUNS, 0);
    const elapsedS = (Date.now() - started) / 1000;
    const cpu = await stopCpu(RUNS);
    const probeMs = Math.round(((probeBefore + hostProbeMs()) / 2) * 10) / 10;

    const runs = await db.run.findMany({ where: { id: { in: runIds } }, select: { status: true, error: true, queuedAt: true, startedAt: true, finishedAt: true, steps: { select: { latencyMs: true, nodeId: true } } } });
    // The governed steps' own latency (the LLM call and the HTTP call): governance works inside them.
    const governedP50 = (rows: { steps: { nodeId: string; latencyMs: number | null }[] }[], nodeId: string) =>
      pct(rows.flatMap((r) => r.steps.filter((x) => x.nodeId === nodeId).map((x) => x.latencyMs ?? 0)).sort((a, b) => a - b), 50);
    const failed = runs.filter((r) => r.status !== "SUCCEEDED").length;
    // The same measured window again with the policy set on (after its own warm-up), for the comparison.
    const withPolicies = values.policies ? await (async () => {
      await enablePolicies(db, team.id, model.name);
      await new Promise((r) => setTimeout(r, 1500)); // the worker's policy cache lives at most 1 s
      await closedLoop(WARMUP, RUNS + WARMUP + RUNS);
      const stopPolicyCpu = await measureCpu();
      const t0 = Date.now();
      const ids = await closedLoop(RUNS, RUNS * 3 + WARMUP);
      const s = (Date.now() - t0) / 1000;
      const policyCpu = await stopPolicyCpu(RUNS);
      const rows = await db.run.findMany({ where: { id: { in: ids } }, select: { status: true, error: true, startedAt: true, finishedAt: true, steps: { select: { latencyMs: true, nodeId: true, policyDecisions: true } } } });
      const over = rows
        .map((r) => ((r.finishedAt!.getTime() - r.startedAt!.getTime()) - r.steps.reduce((sum, x) => sum + (x.latencyMs ?? 0), 0)) / r.steps.length)
        .sort((a, b) => a - b);
      const decided = rows.filter((r) => r.steps.some((x) => Array.isArray(x.policyDecisions) && x.policyDecisions.length > 0)).length;
      for (const error of [...new Set(rows.filter((r) => r.status !== "SUCCEEDED").map((r) => r.error))].slice(0, 3)) console.log(`  not succeeded with policies: ${error}`);
      return {
        runs_per_s: Math.round((RUNS / s) * 10) / 10,
        step_overhead_p50_ms: Math.round(pct(over, 50) * 100) / 100,
        step_overhead_p99_ms: Math.round(pct(over, 99) * 100) / 100,
        failed: rows.filter((r) => r.status !== "SUCCEEDED").length,
        runs_with_decisions: decided,
        llm_step_p50_ms: governedP50(rows, "score"),
        http_step_p50_ms: governedP50(rows, "notify"),
        ...policyCpu,
      };
    })() : null;
    subscriber.disconnect();
    const webhook = await benchWebhookWait({ db, redis }, { workflowId: waitingWf.id, secret: "bench-secret", levels: WEBHOOK_LEVELS, requests: WEBHOOK_REQUESTS, warmup: WEBHOOK_WARMUP });
    const errors = new Set(runs.filter((r) => r.status !== "SUCCEEDED").map((r) => `${r.status}: ${r.error ?? "no error recorded"}`));
    for (const error of [...errors].slice(0, 5)) console.log(`  not succeeded: ${error}`);
    if (worker.output().trim()) console.log(`  worker output (last 2000 chars):\n${worker.output().slice(-2000)}`);
    const e2e = runs.map((r) => r.finishedAt!.getTime() - r.queuedAt.getTime()).sort((a, b) => a - b);
    const overhead = runs
      .map((r) => ((r.finishedAt!.getTime() - r.startedAt!.getTime()) - r.steps.reduce((s, x) => s + (x.latencyMs ?? 0), 0)) / r.steps.length)
      .sort((a, b) => a - b);
    const figures = {
      runs: RUNS,
      concurrency: CONCURRENCY,
      failed,
      warmup_runs: WARMUP,
      stub_calls: stub.callsTo("/cases").length - warmStubCalls,
      runs_per_s: Math.round((RUNS / elapsedS) * 10) / 10,
      e2e_p50_ms: pct(e2e, 50),
      e2e_p99_ms: pct(e2e, 99),
      step_overhead_p50_ms: Math.round(pct(overhead, 50) * 100) / 100,
      step_overhead_p99_ms: Math.round(pct(overhead, 99) * 100) / 100,
      /** worker_main_thread_ms_per_run: the worker's JavaScript thread; one process cannot do more than 1000 ms of it per second. */
      ...cpu,
      /** The same fixed CPU task before and after the measured window (mean): higher means a slower host then. */
      host_probe_ms: probeMs,
      ...Object.fromEntries(webhook.flatMap((l) => [[`webhook_p50_ms_c${l.concurrency}`, l.p50Ms], [`webhook_p99_ms_c${l.concurrency}`, l.p99Ms]])),
      webhook_requests_per_level: WEBHOOK_REQUESTS,
      webhook_not_ok: webhook.reduce((sum, l) => sum + l.notOk, 0),
      ...(withPolicies
        ? {
            policies_on: withPolicies,
            policy_throughput_cost_pct: Math.round((1 - withPolicies.runs_per_s / (RUNS / elapsedS)) * 1000) / 10,
            policy_step_overhead_p50_ms: Math.round((withPolicies.step_overhead_p50_ms - pct(overhead, 50)) * 100) / 100,
            llm_step_p50_ms_off: governedP50(runs, "score"),
            http_step_p50_ms_off: governedP50(runs, "notify"),
          }
        : {}),
    };
    console.log(`Engine bench: ${RUNS} runs of a 5-node workflow (after ${WARMUP} warm-up runs), ${CONCURRENCY} in flight, one worker process`);
    console.log(`  throughput         ${figures.runs_per_s} runs/s (${failed} not succeeded, ${figures.stub_calls} HTTP calls)`);
    console.log(`  end-to-end latency p50 ${figures.e2e_p50_ms} ms, p99 ${figures.e2e_p99_ms} ms`);
    console.log(`  engine overhead    p50 ${figures.step_overhead_p50_ms} ms/step, p99 ${figures.step_overhead_p99_ms} ms/step`);
    const split = figures.cpu_ms_per_run_split;
    console.log(`  CPU per run        ${figures.cpu_ms_per_run} ms (bench ${split.bench}, worker ${split.worker}, postgres ${split.postgres}, redis ${split.redis})`);
    console.log(`  worker main thread ${figures.worker_main_thread_ms_per_run} ms per run (at most ${Math.floor(1000 / figures.worker_main_thread_ms_per_run)} runs/s for one process)`);
    console.log(`  host speed probe   ${figures.host_probe_ms} ms for a fixed CPU task (compare runs by it: the host's speed varies)`);
    if (withPolicies) {
      console.log(`With policies on (budget, model allow-list, PII redaction, content rule, approval condition not firing), ${RUNS} runs after ${WARMUP} warm-up runs`);
      console.log(`  throughput         ${withPolicies.runs_per_s} runs/s (${withPolicies.failed} not succeeded; ${withPolicies.runs_with_decisions} runs carry policy decisions): ${figures.policy_throughput_cost_pct} % fewer`);
      console.log(`  engine overhead    p50 ${withPolicies.step_overhead_p50_ms} ms/step (${figures.policy_step_overhead_p50_ms} ms against off), p99 ${withPolicies.step_overhead_p99_ms} ms/step`);
      const ps = withPolicies.cpu_ms_per_run_split;
      console.log(`  CPU per run        ${withPolicies.cpu_ms_per_run} ms (bench ${ps.bench}, worker ${ps.worker}, postgres ${ps.postgres}, redis ${ps.redis}); worker main thread ${withPolicies.worker_main_thread_ms_per_run} ms`);
      console.log(`  governed steps     LLM p50 ${withPolicies.llm_step_p50_ms} ms (off ${figures.llm_step_p50_ms_off} ms), HTTP p50 ${withPolicies.http_step_p50_ms} ms (off ${figures.http_step_p50_ms_off} ms): the policies' work happens inside these`);
    }
    console.log(`Webhook-wait mode: the same workflow in "wait for the result" mode over loopback HTTP (a node:http server in the bench process calling the route's handleWebhook, not Next.js), ${WEBHOOK_REQUESTS} requests per level after ${WEBHOOK_WARMUP} warm-up requests`);
    for (const l of webhook) {
      console.log(
        `  concurrency ${String(l.concurrency).padEnd(3)} p50 ${l.p50Ms} ms, p99 ${l.p99Ms} ms (p99/p50 ${(l.p99Ms / Math.max(l.p50Ms, 0.1)).toFixed(1)}), max ${l.maxMs} ms; runs queued → finished p99 ${l.runP99Ms} ms; ${l.notOk} not answered 200 SUCCEEDED`,
      );
    }
    console.log(JSON.stringify(figures));
  } finally {
    await worker?.stop("SIGTERM").catch(() => undefined);
    await stub.close();
    await closeQueues();
    // The webhook-wait mode's requests share this process's subscriber (server/events/shared-subscriber.ts), which
    // stays open for the life of a web process: closed here so the bench exits.
    const { getSharedSubscriber } = await import("../server/events/shared-subscriber");
    getSharedSubscriber().close();
    const keys = await redis.keys(redisKey("*"));
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
    await closePoolFor(db);
    await db.$disconnect();
    await bench.drop();
  }
}

/** The realistic policy set of --policies, stored as an admin would save it. */
async function enablePolicies(db: import("../server/db/client").TDb, teamId: string, modelName: string): Promise<void> {
  const document = {
    models: { allow: { models: [modelName] } },
    pii: { actions: { email: "redact", phone: "redact", card: "redact", iban: "redact", us_ssn: "redact" } },
    content: { blockedTerms: ["project zeus"], patterns: [{ pattern: "\\bconfidential\\b", flags: "i", label: "confidential" }] },
    approvalWhen: { condition: "trigger.body.amount > 1000000" },
  };
  const policy = await db.policy.create({ data: { name: "Bench governance", scope: "org" } });
  const version = await db.policyVersion.create({ data: { policyId: policy.id, number: 1, rules: document } });
  await db.policy.update({ where: { id: policy.id }, data: { currentVersionId: version.id } });
  await db.budget.create({ data: { name: "Bench team monthly", scope: "team", teamId, period: "month", amountUsd: "1000000", onExceeded: "block" } });
}

/**
 * A fixed single-threaded task (hashing and JSON work, like the engine's), timed as the median of 5: it does the same
 * work every time, so its time tells how fast the host is at the moment the figures were taken.
 */
function hostProbeMs(): number {
  const payload = { run: "r".repeat(32), steps: Array.from({ length: 50 }, (_, i) => ({ id: i, output: { text: "x".repeat(200), n: i } })) };
  const times: number[] = [];
  for (let rep = 0; rep < 5; rep++) {
    const start = performance.now();
    let digest = "";
    for (let i = 0; i < 400; i++) digest = createHash("sha256").update(JSON.stringify(JSON.parse(JSON.stringify(payload))) + digest).digest("hex");
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[2]!;
}

main().catch((error: unknown) => {
  console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
