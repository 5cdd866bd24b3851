import { ShieldAlert } from "lucide-react";
import type { TPolicyHold } from "@/server/approvals/policy-hold.shared";

/** "0.00069000" → "$0.00069"; at least two decimals. */
export function usd(amount: string): string {
  const [whole = "0", fraction = ""] = amount.split(".");
  return `$${whole}.${fraction.replace(/0+$/, "").padEnd(2, "0")}`;
}

/** Why a policy held a step for approval, in sentences: the reason, the other rules that asked, what was held. */
export function PolicyHoldSummary({ hold }: { hold: TPolicyHold }) {
  const others = hold.rules.filter((r) => r !== hold.reason);
  return (
    <div className="mt-1 rounded-md border border-amber-200 bg-amber-50 px-2.5 py-1.5 text-sm text-amber-950">
      <p className="flex items-center gap-1.5 text-xs font-semibold uppercase tracking-wide text-amber-800">
        <ShieldAlert aria-hidden="true" className="h-3.5 w-3.5" />
        Held by policy
      </p>
      <p className="mt-0.5">{hold.reason}</p>
      {others.length > 0 ? (
        <ul className="mt-0.5 list-disc pl-5">
          {others.map((r, i) => (
            <li key={`${i}-${r}`}>{r}</li>
          ))}
        </ul>
      ) : null}
      {hold.subject || hold.projectedCostUsd ? (
        <p className="mt-0.5 text-xs text-amber-800">
          {hold.subject ? `Before the call to ${hold.subject}` : "Before the call"}
          {hold.projectedCostUsd ? `, projected at ${usd(hold.projectedCostUsd)}` : ""}. Approving lets the step continue as it was; rejecting fails it.
        </p>
      ) : null}
      {hold.coversLaterCalls ? (
        <p className="mt-0.5 text-xs text-amber-800">
          This policy asks once per run: approving also lets later calls of this run that it holds for the same reasons go ahead without asking again.
        </p>
      ) : null}
    </div>
  );
}
