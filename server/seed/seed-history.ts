import type { TDb } from "../db/client";
import { Prisma } from "../db/generated/client";
import type { TModelPrices } from "../gateway/pricing";
import { bulkInsert } from "./bulk-insert";
import type { TSeedCounts } from "./counts";
import { generateHistory, type THistoryTarget } from "./history-generate";
import { rollupMetrics } from "./history-metrics";
import { historyModels, workflowGovernance } from "./history-policy-facts";
import type { TResolvedPolicy } from "../policy";

// Writes the generated history of each demo workflow, all or nothing per workflow (one transaction), and only
// for workflows that have no generated runs yet: a re-run, at whatever time, writes nothing.

const TX_TIMEOUT_MS = 120_000;

export type THistoryResult = { monthToDateByTeam: Record<string, Prisma.Decimal> };

export async function seedHistory(
  db: TDb,
  counts: TSeedCounts,
  targets: THistoryTarget[],
  options: { now: Date; days: number; approverId: string; policies: readonly TResolvedPolicy[] },
): Promise<THistoryResult> {
  const monthToDateByTeam: Record<string, Prisma.Decimal> = {};
  if (options.days <= 0) return { monthToDateByTeam };
  const { prices, modelNamesById } = await modelFacts(db);
  const models = await historyModels(db);
  const monthStart = Date.UTC(options.now.getUTCFullYear(), options.now.getUTCMonth(), 1);

  for (const target of targets) {
    const hasHistory = await db.run.findFirst({
      where: { workflowId: target.workflowId, isGenerated: true },
      select: { id: true },
    });
    if (hasHistory) continue;
    const governance = await workflowGovernance(db, target, options.policies, models);
    const rows = await generateHistory(target, { ...options, prices, modelNamesById }, governance);
    const buckets = rollupMetrics(rows.settled, options.now);
    const written = await db.$transaction(
      async (tx) => ({
        runs: await bulkInsert(tx, "Run", rows.runs),
        stepRuns: await bulkInsert(tx, "StepRun", rows.steps),
        approvals: await bulkInsert(tx, "Approval", rows.approvals),
        // Live rollups already written for the same key win over generated ones.
        metricBuckets: await bulkInsert(tx, "MetricBucket", buckets, { isSkippingConflicts: true }),
      }),
      { timeout: TX_TIMEOUT_MS, maxWait: 10_000 },
    );
    counts.runs += written.runs;
    counts.stepRuns += written.stepRuns;
    counts.approvals += written.approvals;
    counts.metricBuckets += written.metricBuckets;
    for (const run of rows.settled) {
      if (run.queuedAt.getTime() < monthStart) continue;
      const cost = run.steps.reduce((sum, s) => (s.costUsd ? sum.plus(s.costUsd) : sum), new Prisma.Decimal(0));
      monthToDateByTeam[run.teamId] = (monthToDateByTeam[run.teamId] ?? new Prisma.Decimal(0)).plus(cost);
    }
  }
  return { monthToDateByTeam };
}

/** Model names by id (for the graphs' model references) and the prices the generated steps are charged at: the
 * Sandbox models as stored (an admin may have changed them). */
async function modelFacts(
  db: TDb,
): Promise<{ prices: Record<string, TModelPrices>; modelNamesById: Record<string, string> }> {
  const models = await db.model.findMany({
    select: {
      id: true,
      name: true,
      inputPricePerMTok: true,
      outputPricePerMTok: true,
      provider: { select: { kind: true } },
    },
  });
  const sandbox = models.filter((m) => m.provider.kind === "sandbox");
  return {
    prices: Object.fromEntries(
      sandbox.map((m) => [
        m.name,
        { inputPricePerMTok: m.inputPricePerMTok, outputPricePerMTok: m.outputPricePerMTok },
      ]),
    ),
    modelNamesById: Object.fromEntries(models.map((m) => [m.id, m.name])),
  };
}
