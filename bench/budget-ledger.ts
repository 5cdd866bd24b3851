// npm run bench:ledger [-- --calls 1000]
// Time per reserveSpend + settleSpend pair, sequential, on a throwaway database and Redis prefix: a call covered by
// three budgets (organisation, team, workflow), as a model call in a run would be. Prints p50/p99 and the mean.
import { parseArgs } from "node:util";
import { pct, throwawayEnv } from "./throwaway";

const { values } = parseArgs({ options: { calls: { type: "string", default: "1000" } } });
const CALLS = Math.max(1, Number(values.calls));
const bench = throwawayEnv("ledger_");

async function main() {
  await bench.create();
  const { createDb } = await import("../server/db/client");
  const { closePoolFor } = await import("../server/db/sql");
  const { createRedis, redisKey } = await import("../server/redis/client");
  const { reserveSpend, settleSpend } = await import("../server/budgets/ledger");
  const db = createDb();
  const redis = createRedis();
  try {
    const team = await db.team.create({ data: { slug: "bench", name: "Bench" } });
    const workflow = await db.workflow.create({ data: { teamId: team.id, name: "Bench", draftGraph: {}, webhookSecret: "x" } });
    await db.budget.createMany({
      data: [
        { name: "Org", scope: "org", period: "month", amountUsd: "1000000" },
        { name: "Team", scope: "team", teamId: team.id, period: "week", amountUsd: "100000" },
        { name: "Workflow", scope: "workflow", teamId: team.id, workflowId: workflow.id, period: "day", amountUsd: "10000" },
      ],
    });
    const deps = { db, redis };
    const ctx = { teamId: team.id, workflowId: workflow.id };
    const pair = async (id: string) => {
      const r = await reserveSpend(deps, ctx, "0.0125", { reservationId: id, ttlMs: 120_000 });
      if (!r.isReserved) throw new Error("the bench budgets are large enough for every call");
      await settleSpend(deps, r.reservation, ctx, { costUsd: "0.0093", tokensIn: 900, tokensOut: 120, model: "bench", provider: "bench", reservationId: id });
    };
    for (let i = 0; i < 50; i += 1) await pair(`warm-${i}`);
    const times: number[] = [];
    const started = performance.now();
    for (let i = 0; i < CALLS; i += 1) {
      const t0 = performance.now();
      await pair(`call-${i}`);
      times.push(performance.now() - t0);
    }
    const total = performance.now() - started;
    times.sort((a, b) => a - b);
    const result = { calls: CALLS, budgetsPerCall: 3, meanMs: +(total / CALLS).toFixed(3), p50Ms: +pct(times, 50).toFixed(3), p99Ms: +pct(times, 99).toFixed(3) };
    process.stdout.write(`reserveSpend + settleSpend, sequential, 3 covering budgets: ${result.meanMs} ms per pair (p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms) over ${CALLS} calls\n`);
    process.stdout.write(`${JSON.stringify(result)}\n`);
    const keys = await redis.keys(redisKey("*"));
    if (keys.length > 0) await redis.del(...keys);
  } finally {
    await closePoolFor(db);
    await db.$disconnect();
    await redis.quit();
    await bench.drop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
