// A reservation took a budget across its warning share or 100 % of its amount: recorded once per budget, period and
// threshold (BudgetAlert's unique key — Redis's flag only saves the insert on later calls), audited, and sent to the
// organisation's alert webhook. Nothing here may fail the model call: errors are logged.
import { appendAudit } from "../audit/append";
import type { TDb } from "../db/client";
import type { Budget } from "../db/generated/client";
import { log } from "../log";
import { formatUsd } from "../policy/money";
import { deliverAlert } from "./alert-webhook";
import type { TPeriodBounds } from "./periods";

export type TCrossing = { budget: Budget; bounds: TPeriodBounds; threshold: number; amount: bigint; spent: bigint; reserved: bigint };

const deliveries = new Set<Promise<void>>();

/** Waits for alert webhooks still being sent (tests, shutdown). */
export async function flushAlertDeliveries(): Promise<void> {
  while (deliveries.size > 0) await Promise.all([...deliveries]);
}

const decimal = (units: bigint) => formatUsd(units).replace("$", "");

/** `spent` and `reserved` are the budget's after the reservation (reserved includes it). */
export async function recordCrossing(db: TDb, c: TCrossing, now: Date): Promise<void> {
  try {
    const percent = c.amount === 0n ? 100 : Number(((c.spent + c.reserved) * 100n) / c.amount);
    const inserted = await db.budgetAlert.createMany({
      data: [
        { budgetId: c.budget.id, periodStart: c.bounds.start, threshold: c.threshold, spentUsd: decimal(c.spent), reservedUsd: decimal(c.reserved), amountUsd: decimal(c.amount) },
      ],
      skipDuplicates: true,
    });
    if (inserted.count === 0) return;
    const details = {
      budget: { id: c.budget.id, name: c.budget.name, scope: c.budget.scope, period: c.budget.period, amountUsd: decimal(c.amount) },
      periodStart: c.bounds.start.toISOString(),
      periodEnd: c.bounds.end.toISOString(),
      threshold: c.threshold,
      percent,
      spentUsd: decimal(c.spent),
      reservedUsd: decimal(c.reserved),
      onExceeded: c.budget.onExceeded,
    };
    await appendAudit(db, {
      actor: { type: "system", label: "budget ledger" },
      action: "budget.threshold",
      resource: { type: "budget", id: c.budget.id },
      teamId: c.budget.teamId,
      data: details,
    });
    const delivery = deliverAlert(db, { type: "budget.threshold", at: now.toISOString(), ...details }).finally(() => deliveries.delete(delivery));
    deliveries.add(delivery);
  } catch (error) {
    log.error({ err: error, budgetId: c.budget.id, threshold: c.threshold }, "budget threshold alert could not be recorded");
  }
}
