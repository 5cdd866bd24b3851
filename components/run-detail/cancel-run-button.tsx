"use client";

import { useEffect, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Ban } from "lucide-react";
import { postCancel, runKeys } from "./run-queries";

/** Cancel with a confirm step: the button opens a small confirmation, which cancels. */
export function CancelRunButton({ runId, isRequested }: { runId: string; isRequested: boolean }) {
  const queryClient = useQueryClient();
  const router = useRouter();
  const [isConfirming, setIsConfirming] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const cancel = useMutation({
    mutationFn: () => postCancel(runId),
    onSettled: () => queryClient.invalidateQueries({ queryKey: runKeys.detail(runId) }),
    // Withdrawn approvals leave the Inbox count in the (server-rendered) sidebar.
    onSuccess: () => router.refresh(),
  });

  useEffect(() => {
    if (!isConfirming) return;
    confirmRef.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") setIsConfirming(false);
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [isConfirming]);

  if (isRequested || cancel.isSuccess) {
    return (
      <span role="status" className="text-sm text-slate-500">
        Cancel requested…
      </span>
    );
  }
  return (
    <div className="relative">
      <button
        type="button"
        aria-expanded={isConfirming}
        onClick={() => {
          cancel.reset();
          setIsConfirming((v) => !v);
        }}
        className="inline-flex items-center gap-1.5 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 shadow-sm hover:bg-slate-50"
      >
        <Ban aria-hidden="true" className="h-4 w-4" />
        Cancel run
      </button>
      {isConfirming ? (
        <div
          role="dialog"
          aria-label="Confirm cancelling this run"
          className="absolute right-0 top-full z-20 mt-2 w-72 rounded-lg border border-slate-200 bg-white p-3 shadow-lg"
        >
          <p className="text-sm text-slate-700">
            Stop this run? Steps in progress are cancelled and waiting approvals are withdrawn.
          </p>
          <div className="mt-3 flex items-center justify-end gap-2">
            <button
              type="button"
              disabled={cancel.isPending}
              onClick={() => setIsConfirming(false)}
              className="rounded-md px-2 py-1 text-sm font-medium text-slate-600 hover:text-slate-900"
            >
              Keep running
            </button>
            <button
              ref={confirmRef}
              type="button"
              disabled={cancel.isPending}
              onClick={() => cancel.mutate()}
              className="rounded-md bg-red-600 px-3 py-1 text-sm font-medium text-white shadow-sm hover:bg-red-700 disabled:opacity-60"
            >
              {cancel.isPending ? "Cancelling…" : "Yes, cancel run"}
            </button>
          </div>
          {cancel.error ? (
            <p role="alert" className="mt-2 text-sm text-red-700">
              {cancel.error.message}
            </p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
