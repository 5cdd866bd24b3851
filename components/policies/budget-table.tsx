"use client";

import { Fragment, useState } from "react";
import clsx from "clsx";
import { ChartLine, Pencil, Trash2 } from "lucide-react";
import { Badge } from "@/components/shell/badge";
import { Table, TBody, THead, Td, Th, Tr, Sub } from "@/components/shell/data-table";
import { BUTTON } from "@/components/shell/form-styles";
import { formatMoney, formatPercent } from "@/components/format";
import { PERIOD_LABELS } from "@/server/budgets/budget-input.shared";
import type { TBudgetListItem } from "@/server/policies/policy-list.shared";
import { BudgetBurnDownChart } from "./budget-burn-down-chart";

const ON_EXCEEDED: Record<TBudgetListItem["onExceeded"], (b: TBudgetListItem) => string> = {
  block: () => "Blocks calls past the amount",
  require_approval: () => "Asks for approval past the amount",
  downgrade: (b) => `Downgrades to ${b.downgradeTo ?? "a cheaper model"} past the amount`,
};

/** Dates in the organisation's time zone, which budget periods follow. */
function dateFormat(timeZone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone });
}

function UsageBar({ used, reserved, warnAt }: { used: number; reserved: number; warnAt: number }) {
  const total = used + reserved;
  const tone = total >= 1 ? "bg-red-500" : total >= warnAt ? "bg-amber-500" : "bg-emerald-500";
  return (
    <div className="flex items-center gap-2">
      <div
        role="progressbar"
        aria-label="Budget used, with calls in flight"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(Math.min(total, 1) * 100)}
        className="flex h-2 w-20 overflow-hidden rounded-full bg-slate-100"
      >
        <div className={clsx("h-full", tone)} style={{ width: `${Math.min(used, 1) * 100}%` }} />
        <div className={clsx("h-full opacity-40", tone)} style={{ width: `${Math.max(0, Math.min(total, 1) - Math.min(used, 1)) * 100}%` }} />
      </div>
      <span className={clsx("text-xs tabular-nums", total >= 1 ? "font-semibold text-red-700" : "text-slate-600")}>{formatPercent(total, 0)}</span>
    </div>
  );
}

function Forecast({ b, format }: { b: TBudgetListItem; format: Intl.DateTimeFormat }) {
  const d = b.burnDown;
  if (d.isReached) return <span className="text-red-700">Amount reached this period.</span>;
  if (d.reachesAmountAt) return <span className="text-amber-700">At this rate the amount is reached {format.format(new Date(d.reachesAmountAt))}.</span>;
  return <span>At this rate: {formatMoney(d.forecastUsd)} by the period&apos;s end.</span>;
}

type TProps = { items: TBudgetListItem[]; timeZone: string; onEdit?: (b: TBudgetListItem) => void; onDelete?: (b: TBudgetListItem) => void };

export function BudgetTable({ items, timeZone, onEdit, onDelete }: TProps) {
  const [openId, setOpenId] = useState<string | null>(null);
  const format = dateFormat(timeZone);
  return (
    <Table label="Budgets">
      <THead>
        <Th>Budget</Th>
        <Th>Scope</Th>
        <Th>Period</Th>
        <Th align="right">Amount</Th>
        <Th align="right">Spent</Th>
        <Th>Used</Th>
        <Th>
          <span className="sr-only">Actions</span>
        </Th>
      </THead>
      <TBody>
        {items.map((b) => (
          <Fragment key={b.id}>
            <Tr>
              <Td className="min-w-40">
                <div className="font-medium text-slate-900">{b.name}</div>
                <Sub>
                  {ON_EXCEEDED[b.onExceeded](b)} · warns at {formatPercent(b.warnAt, 1)}
                </Sub>
                {b.alerts.map((a) => (
                  <div key={a.threshold} className={clsx("mt-1 text-xs font-medium", a.threshold >= 100 ? "text-red-700" : "text-amber-700")}>
                    Reached {a.threshold} % on {format.format(new Date(a.at))}
                  </div>
                ))}
              </Td>
              <Td className="max-w-56">{b.scope === "org" ? <Badge tone="violet">Organisation</Badge> : b.scopeLabel}</Td>
              <Td>
                {PERIOD_LABELS[b.period]}
                <Sub>
                  <span className="whitespace-nowrap">{format.format(new Date(b.periodStart))} –</span>{" "}
                  <span className="whitespace-nowrap">{format.format(new Date(b.periodEnd))}</span>
                </Sub>
              </Td>
              <Td align="right">{formatMoney(b.amountUsd)}</Td>
              <Td align="right">
                {formatMoney(b.spentUsd)}
                {Number(b.reservedUsd) > 0 ? <Sub>+ {formatMoney(b.reservedUsd)} reserved</Sub> : null}
                {Number(b.generatedUsd) > 0 ? <Sub>incl. {formatMoney(b.generatedUsd)} generated demo history</Sub> : null}
              </Td>
              <Td>
                <UsageBar used={b.usedRatio} reserved={b.reservedRatio} warnAt={b.warnAt} />
              </Td>
              <Td>
                <div className="flex justify-end gap-1">
                  <button
                    type="button"
                    className={BUTTON.icon}
                    aria-expanded={openId === b.id}
                    aria-label={`Burn-down of ${b.name}`}
                    onClick={() => setOpenId(openId === b.id ? null : b.id)}
                  >
                    <ChartLine aria-hidden="true" className="h-4 w-4" />
                  </button>
                  {b.canManage && onEdit ? (
                    <button type="button" className={BUTTON.icon} aria-label={`Edit ${b.name}`} onClick={() => onEdit(b)}>
                      <Pencil aria-hidden="true" className="h-4 w-4" />
                    </button>
                  ) : null}
                  {b.canManage && onDelete ? (
                    <button type="button" className={BUTTON.icon} aria-label={`Delete ${b.name}`} onClick={() => onDelete(b)}>
                      <Trash2 aria-hidden="true" className="h-4 w-4" />
                    </button>
                  ) : null}
                </div>
              </Td>
            </Tr>
            {openId === b.id ? (
              <Tr>
                <Td colSpan={7}>
                  <BudgetBurnDownChart data={b.burnDown} label={b.name} />
                  <p className="mt-1 text-xs text-slate-500">
                    <Forecast b={b} format={format} /> The forecast extends the average rate since the period began; spent is the ledger&apos;s sum, reserved the calls in flight.
                  </p>
                </Td>
              </Tr>
            ) : null}
          </Fragment>
        ))}
      </TBody>
    </Table>
  );
}
