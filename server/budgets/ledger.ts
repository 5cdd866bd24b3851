// The budget ledger: before a model call its projected cost is reserved on every budget that covers it, atomically
// (one Redis script: all or none); after the call the reservation is replaced by the actual cost, and every call —
// covered by a budget or not — leaves one UsageEntry row, the ledger's truth. Reservations expire, so a crashed worker
// cannot hold money. No database row is updated per call: settling only inserts (see ledger-sync.ts for how Redis's
// running total stays equal to the Postgres sum).
import type { TDb } from "../db/client";
import type { Budget } from "../db/generated/client";
import { sqlFor } from "../db/sql";
import type { TBudgetState } from "../policy/input";
import { formatUsd, parseUsd } from "../policy/money";
import type { TRedis } from "../redis/client";
import { runScript } from "../redis/run-script";
import { allBudgets } from "./budget-cache";
import { covers, type TSpendContext } from "./budget-scope";
import { KEEP_AFTER_PERIOD_MS, ledgerSums, periodKeys, type TPeriodKeys } from "./ledger-keys";
import { RESERVE_SCRIPT, SETTLE_SCRIPT, STATUS_SCRIPT } from "./ledger-scripts";
import { initSpent, insertUsage, sortedLocks, type TUsageRow } from "./ledger-sync";
import { orgTimeZone } from "./org-time-zone";
import { periodBounds, previousPeriodBounds, type TPeriodBounds } from "./periods";
import { recordCrossing, type TCrossing } from "./thresholds";

export type { TSpendContext } from "./budget-scope";
export { invalidateBudgetCache } from "./budget-cache";
export { flushAlertDeliveries } from "./thresholds";

export type TReservation = { id: string; budgetIds: string[]; costUsd: string; expiresAt: number };
export type TReserveResult =
  | { isReserved: true; reservation: TReservation | null; states: TBudgetState[] } // reservation null: no budget covers the context
  | { isReserved: false; states: TBudgetState[]; exceededIds: string[] };
export type TLedgerDeps = { db: TDb; redis: TRedis; now?: () => Date };
export type TActualUsage = {
  costUsd: string;
  tokensIn: number;
  tokensOut: number;
  model: string;
  provider: string;
  runId?: string;
  stepRunId?: string;
  reservationId: string;
};
export type TBudgetStatus = { periodStart: Date; periodEnd: Date; spentUsd: string; reservedUsd: string; generatedUsd: string };

const MAX_INIT_ROUNDS = 3;

const clock = (deps: TLedgerDeps) => deps.now?.() ?? new Date();
const decimal = (units: bigint) => formatUsd(units).replace("$", "");

/** The budgets that cover a call for this context (read through a cache of at most a second). */
export async function coveringBudgets(deps: TLedgerDeps, ctx: TSpendContext): Promise<Budget[]> {
  return (await allBudgets(deps.db)).filter((b) => covers(b, ctx));
}

type TPlaced = { budget: Budget; bounds: TPeriodBounds; keys: TPeriodKeys };

async function place(deps: TLedgerDeps, budgets: Budget[], at: Date): Promise<TPlaced[]> {
  const zone = await orgTimeZone(deps.db);
  return budgets.map((budget) => {
    const bounds = periodBounds(budget.period, at, zone);
    return { budget, bounds, keys: periodKeys(budget.id, bounds.start) };
  });
}

function stateOf(budget: Budget, spent: bigint, reserved: bigint): TBudgetState {
  return {
    id: budget.id,
    name: budget.name,
    amountUsd: budget.amountUsd.toFixed(),
    spentUsd: decimal(spent),
    reservedUsd: decimal(reserved),
    warnAt: budget.warnAt.toNumber(),
    onExceeded: budget.onExceeded,
    downgradeTo: budget.downgradeTo,
  };
}

/** The warning threshold in units: the smallest total at which checkBudgets warns (total·1000 ≥ amount·per mille). */
function warnUnits(budget: Budget, amount: bigint): bigint {
  const perMille = BigInt(Math.round(budget.warnAt.toNumber() * 1000));
  return (amount * perMille + 999n) / 1000n;
}

/**
 * Reserves `costUsd` on every covering budget, or on none when any would go past its amount (unless `force`: a person
 * approved the overspend). `states` are each budget's before this call, so checkBudgets reaches the same verdict.
 * Reserving again with the same reservation id replaces the earlier hold.
 */
export async function reserveSpend(
  deps: TLedgerDeps,
  ctx: TSpendContext,
  costUsd: string,
  opts: { reservationId: string; ttlMs: number; force?: boolean },
): Promise<TReserveResult> {
  const cost = parseUsd(costUsd);
  const budgets = await coveringBudgets(deps, ctx);
  if (budgets.length === 0) return { isReserved: true, reservation: null, states: [] };
  const now = clock(deps);
  const expiresAt = now.getTime() + Math.max(1, Math.round(opts.ttlMs));
  const placed = await place(deps, budgets, now);
  const amounts = placed.map((p) => parseUsd(p.budget.amountUsd.toFixed()));
  const keys = placed.flatMap((p) => [p.keys.hash, p.keys.expiries]);
  const args = [now.getTime(), opts.reservationId, cost.toString(), expiresAt, opts.force ? "1" : "0"];
  placed.forEach((p, i) => {
    const amount = amounts[i] ?? 0n;
    const keepUntil = Math.max(p.bounds.end.getTime(), expiresAt) + KEEP_AFTER_PERIOD_MS;
    args.push(amount.toString(), warnUnits(p.budget, amount).toString(), keepUntil);
  });

  for (let round = 0; ; round += 1) {
    const reply = (await runScript(deps.redis, RESERVE_SCRIPT, keys, args)) as (string | number)[];
    if (reply[0] === "missing") {
      if (round >= MAX_INIT_ROUNDS) throw new Error("The budget ledger could not initialise its Redis state.");
      for (const index of reply.slice(1)) {
        const p = placed[Number(index) - 1];
        if (p) await initSpent(deps.db, deps.redis, p.budget, p.bounds, p.keys);
      }
      continue;
    }
    const isReserving = reply[0] === "ok" || opts.force === true;
    const states: TBudgetState[] = [];
    const exceededIds: string[] = [];
    const crossings: TCrossing[] = [];
    placed.forEach((p, i) => {
      const [spentRaw, reservedRaw, over, warn, full] = reply.slice(1 + i * 5, 6 + i * 5).map(String);
      const spent = BigInt(spentRaw ?? "0");
      const reserved = BigInt(reservedRaw ?? "0");
      states.push(stateOf(p.budget, spent, reserved));
      if (over === "1") exceededIds.push(p.budget.id);
      const amount = amounts[i] ?? 0n;
      const crossing = { budget: p.budget, bounds: p.bounds, amount, spent, reserved: reserved + cost };
      if (warn === "1") crossings.push({ ...crossing, threshold: Math.round(p.budget.warnAt.toNumber() * 100) });
      if (full === "1" && !(warn === "1" && p.budget.warnAt.toNumber() >= 1)) crossings.push({ ...crossing, threshold: 100 });
    });
    for (const c of crossings) await recordCrossing(deps.db, c, now);
    if (!isReserving) return { isReserved: false, states, exceededIds };
    return {
      isReserved: true,
      reservation: { id: opts.reservationId, budgetIds: placed.map((p) => p.budget.id), costUsd: decimal(cost), expiresAt },
      states,
    };
  }
}

/** Where a reservation of these budgets may be held: the period of `at` and, for one that crossed a period end, the one before. */
async function holdKeys(deps: TLedgerDeps, budgetIds: string[], at: Date): Promise<string[]> {
  if (budgetIds.length === 0) return [];
  const zone = await orgTimeZone(deps.db);
  const byId = new Map((await allBudgets(deps.db)).map((b) => [b.id, b]));
  const keys: string[] = [];
  for (const id of budgetIds) {
    const budget = byId.get(id);
    // A budget deleted meanwhile: its keys expire on their own and nothing reads them.
    if (!budget) continue;
    for (const bounds of [periodBounds(budget.period, at, zone), previousPeriodBounds(budget.period, at, zone)]) {
      const k = periodKeys(id, bounds.start);
      keys.push(k.hash, k.expiries);
    }
  }
  return keys;
}

/**
 * A call's settlement, prepared: its ledger row, the advisory locks the row is inserted under (the covering budgets'
 * current periods) and the Redis update that follows the insert. `settleSpend` writes it at once; the run engine
 * writes the row in its flush, atomic with the step that cost it, then applies the Redis update (server/engine).
 */
export type TSettlement = {
  row: TUsageRow;
  locks: string[];
  /** Hashes whose spent gains the cost, then pairs of hash and expiry set the reservation may be held in. */
  redisKeys: string[];
  spendKeyCount: number;
  reservationId: string;
  costUnits: string;
};

/** Prepares the settlement of a call (see TSettlement); pass the reservation reserveSpend returned (null when none). */
export async function prepareSettlement(deps: TLedgerDeps, reservation: TReservation | null, ctx: TSpendContext, actual: TActualUsage): Promise<TSettlement> {
  const cost = parseUsd(actual.costUsd);
  const at = clock(deps);
  const placed = await place(deps, await coveringBudgets(deps, ctx), at);
  const holds = await holdKeys(deps, reservation?.budgetIds ?? [], at);
  return {
    row: {
      reservationId: actual.reservationId,
      at,
      teamId: ctx.teamId,
      workflowId: ctx.workflowId ?? null,
      runId: actual.runId ?? null,
      stepRunId: actual.stepRunId ?? null,
      apiKeyId: ctx.apiKeyId ?? null,
      userId: ctx.userId ?? null,
      agentId: ctx.agentId ?? null,
      model: actual.model,
      provider: actual.provider,
      tokensIn: actual.tokensIn,
      tokensOut: actual.tokensOut,
      costUsd: decimal(cost),
    },
    locks: placed.map((p) => p.keys.lock),
    redisKeys: [...placed.map((p) => p.keys.hash), ...holds],
    spendKeyCount: placed.length,
    reservationId: reservation?.id ?? actual.reservationId,
    costUnits: cost.toString(),
  };
}

/**
 * The Redis half of a settlement, after its row committed: the reservation is dropped and, when this settlement wrote
 * the row (`seq` is its seq; null when the row existed already), the cost is added to the budgets' spent.
 */
export async function applySettlement(redis: TRedis, s: TSettlement, seq: string | null): Promise<void> {
  if (s.redisKeys.length === 0) return;
  await runScript(redis, SETTLE_SCRIPT, s.redisKeys, [s.reservationId, s.costUnits, s.spendKeyCount, seq ?? "0"]);
}

/**
 * Records the call's actual cost: always one UsageEntry row (whether or not a budget covers it; a second settle of
 * the same reservation id writes nothing), then, in Redis, the reservation is replaced by the cost on the budgets
 * covering the context now. Pass the reservation reserveSpend returned (null when it returned none).
 */
export async function settleSpend(deps: TLedgerDeps, reservation: TReservation | null, ctx: TSpendContext, actual: TActualUsage): Promise<void> {
  const s = await prepareSettlement(deps, reservation, ctx, actual);
  const seqs = await insertUsage(deps.db, [s.row], sortedLocks(s.locks));
  await applySettlement(deps.redis, s, seqs.get(s.row.reservationId) ?? null);
}

/** Drops a reservation without spending (the call failed, was cancelled or timed out before it cost anything). */
export async function releaseSpend(deps: TLedgerDeps, reservation: TReservation | null): Promise<void> {
  if (!reservation) return;
  const holds = await holdKeys(deps, reservation.budgetIds, clock(deps));
  if (holds.length === 0) return;
  await runScript(deps.redis, SETTLE_SCRIPT, holds, [reservation.id, "0", 0, "0"]);
}

/**
 * The budget's current period: spent is the ledger's sum (Postgres), reserved the live reservations (Redis, expired
 * ones purged), generated the part of spent that is the demo seed's generated history.
 */
export async function budgetStatus(deps: TLedgerDeps, budget: Budget): Promise<TBudgetStatus> {
  const [p] = await place(deps, [budget], clock(deps));
  if (!p) throw new Error("unreachable");
  const [sums, reply] = await Promise.all([
    ledgerSums(sqlFor(deps.db), budget, p.bounds),
    runScript(deps.redis, STATUS_SCRIPT, [p.keys.hash, p.keys.expiries], [clock(deps).getTime()]) as Promise<string[]>,
  ]);
  return {
    periodStart: p.bounds.start,
    periodEnd: p.bounds.end,
    spentUsd: decimal(sums.spent),
    reservedUsd: decimal(BigInt(reply[1] ?? "0")),
    generatedUsd: decimal(sums.generated),
  };
}
