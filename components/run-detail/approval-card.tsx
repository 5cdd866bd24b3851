"use client";

import { useId, useState } from "react";
import { useRouter } from "next/navigation";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Check, UserCheck, X } from "lucide-react";
import clsx from "clsx";
import { DateTime } from "@/components/shell/date-time";
import { PolicyHoldSummary } from "@/components/inbox/policy-hold-summary";
import { readPolicyHold } from "@/server/approvals/policy-hold.shared";
import { ROLE_LABELS } from "@/server/auth/permissions";
import type { TRunApproval } from "@/server/runs/run-detail.shared";
import { JsonViewer } from "./json-viewer";
import { postDecision, runKeys, type TDecision } from "./run-queries";
import { ApprovalStatusBadge } from "./step-status-badge";

type TProps = { runId: string; teamName: string; approval: TRunApproval };

export function ApprovalCard({ runId, teamName, approval: a }: TProps) {
  const isPending = a.status === "PENDING";
  const hold = readPolicyHold(a.details);
  return (
    <section
      aria-label={`Approval: ${a.title}`}
      className={clsx(
        "rounded-lg border bg-white p-4 shadow-sm",
        isPending ? "border-amber-300 ring-1 ring-amber-100" : "border-slate-200",
      )}
    >
      <div className="flex flex-wrap items-start gap-3">
        <span className="flex h-8 w-8 shrink-0 items-center justify-center rounded-full bg-amber-50 text-amber-700">
          <UserCheck aria-hidden="true" className="h-4 w-4" />
        </span>
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center gap-2">
            <h3 className="font-semibold text-slate-900">{a.title}</h3>
            <ApprovalStatusBadge status={a.status} />
          </div>
          <p className="mt-0.5 text-xs text-slate-500">
            Step <code className="font-mono">{a.nodeId}</code> · for {ROLE_LABELS[a.assigneeRole].toLowerCase()}s of{" "}
            {teamName} · requested <DateTime value={a.createdAt} />
            {a.dueAt && isPending ? (
              <>
                {" "}
                · due <DateTime value={a.dueAt} />
              </>
            ) : null}
          </p>
        </div>
      </div>
      {isPending ? null : a.decidedByName || a.comment ? (
        <div className="mt-3 text-sm text-slate-700">
          {a.decidedByName ? (
            <p>
              {a.status === "APPROVED" ? "Approved" : a.status === "REJECTED" ? "Rejected" : "Decided"} by{" "}
              <span className="font-medium">{a.decidedByName}</span> · <DateTime value={a.decidedAt} />
            </p>
          ) : null}
          {a.comment ? (
            <blockquote className="mt-1 border-l-2 border-slate-200 pl-3 text-slate-600">{a.comment}</blockquote>
          ) : null}
        </div>
      ) : null}
      <div className={clsx("mt-3 grid gap-4", isPending && "lg:grid-cols-[minmax(0,1fr)_20rem]")}>
        {hold ? <PolicyHoldSummary hold={hold} /> : <JsonViewer label="Details" value={a.details} isOpen={isPending} />}
        {isPending ? (
          a.canDecide ? (
            <DecisionForm runId={runId} approvalId={a.id} />
          ) : (
            <p className="text-sm text-slate-500">
              Waiting for {a.assigneeRole === "admin" ? "an admin" : "an approver"} of {teamName} to decide.
            </p>
          )
        ) : null}
      </div>
    </section>
  );
}

function DecisionForm({ runId, approvalId }: { runId: string; approvalId: string }) {
  const queryClient = useQueryClient();
  const router = useRouter();
  const commentId = useId();
  const [comment, setComment] = useState("");
  const decide = useMutation({
    mutationFn: (input: TDecision) => postDecision(input),
    // On success the run refetches and this form gives way to the decision; on a conflict it shows who won.
    onSettled: () => queryClient.invalidateQueries({ queryKey: runKeys.detail(runId) }),
    // Server-rendered parts (the Inbox count in the sidebar) change too.
    onSuccess: () => router.refresh(),
  });
  const submit = (decision: TDecision["decision"]) => decide.mutate({ approvalId, decision, comment });
  const busy = decide.isPending || decide.isSuccess;

  return (
    <form className="space-y-2" onSubmit={(e) => e.preventDefault()} aria-busy={busy}>
      <label htmlFor={commentId} className="block text-xs font-medium text-slate-600">
        Comment (optional)
      </label>
      <textarea
        id={commentId}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        maxLength={2000}
        rows={3}
        disabled={busy}
        placeholder="Why you decided this way — kept with the decision in the audit trail"
        className="w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-100 disabled:bg-slate-50"
      />
      <div className="flex flex-wrap items-center gap-2">
        <button
          type="button"
          disabled={busy}
          onClick={() => submit("approved")}
          className="inline-flex items-center gap-1.5 rounded-md bg-emerald-600 px-3 py-1.5 text-sm font-medium text-white shadow-sm hover:bg-emerald-700 disabled:opacity-60"
        >
          <Check aria-hidden="true" className="h-4 w-4" />
          Approve
        </button>
        <button
          type="button"
          disabled={busy}
          onClick={() => submit("rejected")}
          className="inline-flex items-center gap-1.5 rounded-md border border-red-300 bg-white px-3 py-1.5 text-sm font-medium text-red-700 shadow-sm hover:bg-red-50 disabled:opacity-60"
        >
          <X aria-hidden="true" className="h-4 w-4" />
          Reject
        </button>
        {decide.isPending ? <span className="text-sm text-slate-500">Saving…</span> : null}
      </div>
      {decide.error ? (
        <p role="alert" className="text-sm text-red-700">
          {decide.error.message}
        </p>
      ) : null}
    </form>
  );
}
