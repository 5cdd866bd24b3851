import clsx from "clsx";
import { Badge } from "@/components/shell/badge";
import { Table, TBody, THead, Td, Th, Tr, Sub } from "@/components/shell/data-table";
import { formatMoney, formatPercent } from "@/components/format";
import type { TBudgetListItem } from "@/server/policies/policy-list.shared";

const ON_EXCEEDED: Record<TBudgetListItem["onExceeded"], (b: TBudgetListItem) => string> = {
  block: () => "Blocks calls past the amount",
  require_approval: () => "Asks for approval past the amount",
  downgrade: (b) => `Downgrades to ${b.downgradeTo ?? "a cheaper model"} past the amount`,
};

const PERIOD_LABELS: Record<TBudgetListItem["period"], string> = { day: "Daily", week: "Weekly", month: "Monthly" };

function UsageBar({ ratio, warnAt }: { ratio: number; warnAt: number }) {
  const tone = ratio >= 1 ? "bg-red-500" : ratio >= warnAt ? "bg-amber-500" : "bg-emerald-500";
  return (
    <div className="flex items-center gap-2">
      <div
        role="progressbar"
        aria-label="Budget used"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(Math.min(ratio, 1) * 100)}
        className="h-2 w-28 overflow-hidden rounded-full bg-slate-100"
      >
        <div className={clsx("h-full rounded-full", tone)} style={{ width: `${Math.min(ratio, 1) * 100}%` }} />
      </div>
      <span className={clsx("text-xs tabular-nums", ratio >= 1 ? "font-semibold text-red-700" : "text-slate-600")}>
        {formatPercent(ratio, 0)}
      </span>
    </div>
  );
}

export function BudgetTable({ items }: { items: TBudgetListItem[] }) {
  return (
    <Table label="Budgets">
      <THead>
        <Th>Budget</Th>
        <Th>Scope</Th>
        <Th>Period</Th>
        <Th align="right">Amount</Th>
        <Th align="right">Spent</Th>
        <Th>Used</Th>
      </THead>
      <TBody>
        {items.map((b) => (
          <Tr key={b.id}>
            <Td className="min-w-48">
              <div className="font-medium text-slate-900">{b.name}</div>
              <Sub>
                {ON_EXCEEDED[b.onExceeded](b)} · warns at {formatPercent(b.warnAt, 0)}
              </Sub>
            </Td>
            <Td>
              {b.scope === "org" ? (
                <Badge tone="violet">Organisation</Badge>
              ) : (
                <span className="whitespace-nowrap">{b.scopeLabel}</span>
              )}
            </Td>
            <Td>{PERIOD_LABELS[b.period]}</Td>
            <Td align="right">{formatMoney(b.amountUsd)}</Td>
            <Td align="right">{formatMoney(b.spentUsd)}</Td>
            <Td>
              <UsageBar ratio={b.usedRatio} warnAt={b.warnAt} />
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
