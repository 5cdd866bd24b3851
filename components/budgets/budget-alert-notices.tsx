"use client";

import { useState } from "react";
import clsx from "clsx";
import { BellRing, X } from "lucide-react";
import { formatMoney } from "@/components/format";
import { request } from "@/components/shell/api-client";
import { GeneratedTag } from "@/components/shell/status-badge";
import type { TBudgetAlertNotice, TBudgetAlertNotices } from "@/server/budgets/budget-alert-notices.shared";

const PERIOD_WORDS: Record<TBudgetAlertNotice["period"], string> = { day: "today", week: "this week", month: "this month" };

/** "Dec 7, 14:02 GMT+1": in the organisation's time zone, which budget periods follow. */
function dateFormat(timeZone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZoneName: "short", timeZone });
}

/**
 * The current period's budget alerts of the budgets the person can see (dashboard, Policies page), each dismissible
 * for this person only. Nothing when there are none.
 */
export function BudgetAlertNotices({ timeZone, notices }: TBudgetAlertNotices) {
  const [shown, setShown] = useState(notices);
  const [error, setError] = useState<string | null>(null);
  const [pendingId, setPendingId] = useState<string | null>(null);
  if (shown.length === 0) return null;
  const format = dateFormat(timeZone);

  async function dismiss(id: string) {
    setPendingId(id);
    setError(null);
    try {
      await request(`/api/budget-alerts/${encodeURIComponent(id)}/dismiss`, { method: "POST" });
      setShown((list) => list.filter((n) => n.id !== id));
    } catch (e) {
      setError(e instanceof Error ? e.message : "The alert could not be dismissed.");
    } finally {
      setPendingId(null);
    }
  }

  return (
    <section aria-label="Budget alerts" className="mb-6 space-y-2">
      {shown.map((n) => {
        const isFull = n.threshold >= 100;
        return (
          <div
            key={n.id}
            className={clsx(
              "flex items-start gap-3 rounded-md border px-3 py-2 text-sm",
              isFull ? "border-red-200 bg-red-50 text-red-900" : "border-amber-200 bg-amber-50 text-amber-900",
            )}
          >
            <BellRing aria-hidden="true" className={clsx("mt-0.5 h-4 w-4 shrink-0", isFull ? "text-red-600" : "text-amber-600")} />
            <p className="min-w-0 flex-1">
              Budget &lsquo;{n.budgetName}&rsquo; reached {n.threshold} % of {formatMoney(n.amountUsd)} {PERIOD_WORDS[n.period]} on {format.format(new Date(n.at))}.
              {Number(n.generatedUsd) > 0 ? (
                <>
                  {" "}
                  <GeneratedTag title="This period's spent includes the demo seed's generated history, not only real calls" /> Spent this period includes{" "}
                  {formatMoney(n.generatedUsd)} of generated demo history.
                </>
              ) : null}
            </p>
            <button
              type="button"
              disabled={pendingId !== null}
              onClick={() => void dismiss(n.id)}
              aria-label={`Dismiss the alert: ${n.budgetName} reached ${n.threshold} %`}
              title="Hide this alert for you; others still see it"
              className="-m-1 inline-flex h-7 w-7 shrink-0 items-center justify-center rounded-md hover:bg-black/5 disabled:opacity-60"
            >
              <X aria-hidden="true" className="h-4 w-4" />
            </button>
          </div>
        );
      })}
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </section>
  );
}
