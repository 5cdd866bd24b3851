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
// for workflows that have no generated runs yet: a re-run, at whatever time, writes nothing. Each generated step
// that cost something also gets its row in the budget ledger (UsageEntry, flagged isGenerated), so budgets show the
// generated spend of their period as such, from the same ledger real calls are counted in.

const TX_TIMEOUT_MS = 120_000;

export async function seedHistory(
  db: TDb,
  counts: TSeedCounts,
  targets: THistoryTarget[],
  options: { now: Date; days: number; approverId: string; policies: readonly TResolvedPolicy[] },
): Promise<void> {
  if (options.days <= 0) return;
  const { prices, modelNamesById } = await modelFacts(db);
  const models = await historyModels(db);

  for (const target of targets) {
    const hasHistory = await db.run.findFirst({
      where: { workflowId: target.workflowId, isGenerated: true },
      select: { id: true },
    });
    if (hasHistory) continue;
    const governance = await workflowGovernance(db, target, options.policies, models);
    const rows = await generateHistory(target, { ...options, prices, modelNamesById }, governance);
    const buckets = rollupMetrics(rows.settled, options.now);
    const usage = usageRows(rows.steps, target);
    const written = await db.$transaction(
      async (tx) => ({
        runs: await bulkInsert(tx, "Run", rows.runs),
        stepRuns: await bulkInsert(tx, "StepRun", rows.steps),
        approvals: await bulkInsert(tx, "Approval", rows.approvals),
        // Live rollups already written for the same key win over generated ones.
        metricBuckets: await bulkInsert(tx, "MetricBucket", buckets, { isSkippingConflicts: true }),
        // A database migrated from before the ledger already has these rows (same keys): they are kept.
        usageEntries: await bulkInsert(tx, "UsageEntry", usage, { isSkippingConflicts: true }),
      }),
      { timeout: TX_TIMEOUT_MS, maxWait: 10_000 },
    );
    counts.runs += written.runs;
    counts.stepRuns += written.stepRuns;
    counts.approvals += written.approvals;
    counts.metricBuckets += written.metricBuckets;
    counts.usageEntries += written.usageEntries;
  }
}

/**
 * One ledger row per generated step that cost something, at the time it finished. "history:<step id>" is also the
 * key the migration that introduced the ledger gave the steps it found (prisma/migrations/*_budget_ledger_only).
 */
function usageRows(steps: Prisma.StepRunCreateManyInput[], target: THistoryTarget): Prisma.UsageEntryCreateManyInput[] {
  return steps.flatMap((s) => {
    const cost = new Prisma.Decimal(s.costUsd?.toString() ?? 0);
    if (!s.id || cost.lte(0)) return [];
    return [
      {
        id: `hist_${s.id}`,
        reservationId: `history:${s.id}`,
        at: s.finishedAt ?? s.startedAt ?? s.createdAt,
        teamId: target.teamId,
        workflowId: target.workflowId,
        runId: s.runId,
        stepRunId: s.id,
        model: s.model,
        provider: s.provider,
        tokensIn: s.tokensIn,
        tokensOut: s.tokensOut,
        costUsd: cost,
        isGenerated: true,
      },
    ];
  });
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
