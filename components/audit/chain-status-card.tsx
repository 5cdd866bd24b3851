import { ShieldAlert, ShieldCheck } from "lucide-react";
import { formatNumber } from "@/components/format";
import type { TChainResult } from "@/server/audit/audit-list.shared";

export function ChainStatusCard({ result }: { result: TChainResult }) {
  if (result.isIntact) {
    return (
      <section
        aria-label="Chain status"
        className="mb-6 flex items-start gap-3 rounded-lg border border-emerald-200 bg-emerald-50 p-4"
      >
        <ShieldCheck aria-hidden="true" className="mt-0.5 h-5 w-5 shrink-0 text-emerald-600" />
        <div className="min-w-0">
          <p className="text-sm font-semibold text-emerald-900">
            Chain intact — {formatNumber(result.checked)} events verified
          </p>
          <p className="mt-0.5 truncate font-mono text-xs text-emerald-700" title={result.headHash}>
            Head hash {result.headHash}
          </p>
        </div>
      </section>
    );
  }
  return (
    <section
      aria-label="Chain status"
      role="alert"
      className="mb-6 flex items-start gap-3 rounded-lg border border-red-200 bg-red-50 p-4"
    >
      <ShieldAlert aria-hidden="true" className="mt-0.5 h-5 w-5 shrink-0 text-red-600" />
      <div>
        <p className="text-sm font-semibold text-red-900">Chain broken at event #{result.brokenAtSeq}</p>
        <p className="mt-0.5 text-xs text-red-700">
          {result.reason[0]?.toUpperCase() + result.reason.slice(1)}. {formatNumber(result.checked)} earlier events
          verified. Treat the trail after this point as untrustworthy and investigate database access.
        </p>
      </div>
    </section>
  );
}

export function ChainStatusSkeleton() {
  return (
    <section
      aria-label="Chain status"
      aria-busy="true"
      className="mb-6 rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-500"
    >
      Verifying the hash chain…
    </section>
  );
}
