"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Check, X } from "lucide-react";
import { errorMessage } from "@/components/shell/api-client";
import { postDecision, type TDecision } from "@/components/run-detail/run-queries";

/** Approve or reject from the Inbox, as on the run page (without a comment: the run page takes one). */
export function InboxDecision({ approvalId, title }: { approvalId: string; title: string }) {
  const router = useRouter();
  const [state, setState] = useState<{ kind: "idle" } | { kind: "pending" } | { kind: "done"; decision: TDecision["decision"] } | { kind: "error"; message: string }>({ kind: "idle" });
  async function decide(decision: TDecision["decision"]) {
    setState({ kind: "pending" });
    try {
      await postDecision({ approvalId, decision });
      setState({ kind: "done", decision });
      router.refresh();
    } catch (error) {
      setState({ kind: "error", message: errorMessage(error) });
    }
  }
  if (state.kind === "done") {
    return (
      <p role="status" className="text-sm font-medium text-slate-700">
        {state.decision === "approved" ? "Approved" : "Rejected"}
      </p>
    );
  }
  const busy = state.kind === "pending";
  return (
    <div className="flex flex-col items-start gap-1">
      <div className="flex gap-1.5">
        <button
          type="button"
          disabled={busy}
          onClick={() => void decide("approved")}
          aria-label={`Approve: ${title}`}
          className="inline-flex items-center gap-1 rounded-md bg-emerald-600 px-2.5 py-1 text-xs font-medium text-white shadow-sm hover:bg-emerald-700 disabled:opacity-60"
        >
          <Check aria-hidden="true" className="h-3.5 w-3.5" />
          Approve
        </button>
        <button
          type="button"
          disabled={busy}
          onClick={() => void decide("rejected")}
          aria-label={`Reject: ${title}`}
          className="inline-flex items-center gap-1 rounded-md border border-red-300 bg-white px-2.5 py-1 text-xs font-medium text-red-700 shadow-sm hover:bg-red-50 disabled:opacity-60"
        >
          <X aria-hidden="true" className="h-3.5 w-3.5" />
          Reject
        </button>
      </div>
      {state.kind === "error" ? (
        <p role="alert" className="max-w-56 text-xs text-red-700">
          {state.message}
        </p>
      ) : null}
    </div>
  );
}
