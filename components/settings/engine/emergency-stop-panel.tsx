"use client";

import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { CirclePlay, OctagonX, Power } from "lucide-react";
import { errorMessage, request } from "@/components/shell/api-client";
import { DateTime } from "@/components/shell/date-time";
import { BUTTON } from "@/components/shell/form-styles";
import type { TEmergencyStopState, TEngineStatus } from "@/server/settings/engine-status.shared";
import { engineKeys } from "./engine-api";
import { StopDialog } from "./stop-dialog";

type TProps = { state: TEmergencyStopState; canStop: boolean };

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

export function EmergencyStopPanel({ state, canStop }: TProps) {
  const queryClient = useQueryClient();
  const [dialogKey, setDialogKey] = useState(0);
  const [isDialogOpen, setIsDialogOpen] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  const applyState = (emergencyStop: TEmergencyStopState) => {
    queryClient.setQueryData<TEngineStatus>(engineKeys.status(), (old) => (old ? { ...old, emergencyStop } : old));
    void queryClient.invalidateQueries({ queryKey: engineKeys.status() });
  };

  const stop = useMutation({
    mutationFn: (reason: string) =>
      request<{ emergencyStop: TEmergencyStopState }>("/api/engine/stop", { method: "POST", body: { reason } }),
    onSuccess: ({ emergencyStop }) => {
      applyState(emergencyStop);
      setIsDialogOpen(false);
      setNotice(null);
    },
  });
  const resume = useMutation({
    mutationFn: () =>
      request<{ emergencyStop: TEmergencyStopState; resumed: number }>("/api/engine/resume", { method: "POST" }),
    onSuccess: ({ emergencyStop, resumed }) => {
      applyState(emergencyStop);
      setNotice(
        resumed === 0
          ? "Engine resumed. No run was waiting to continue."
          : `Engine resumed. ${plural(resumed, "run")} woken: they continue where they stopped.`,
      );
    },
  });

  const openDialog = () => {
    stop.reset();
    setDialogKey((k) => k + 1);
    setIsDialogOpen(true);
  };

  return (
    <section
      aria-label="Emergency stop"
      className={
        state.isStopped
          ? "rounded-lg border-2 border-red-300 bg-red-50 p-5"
          : "rounded-lg border border-slate-200 bg-white p-5 shadow-sm"
      }
    >
      <div className="flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
        <div className="flex min-w-0 items-start gap-3">
          <span
            className={
              state.isStopped
                ? "flex h-10 w-10 shrink-0 items-center justify-center rounded-full bg-red-600 text-white"
                : "flex h-10 w-10 shrink-0 items-center justify-center rounded-full bg-emerald-50 text-emerald-600"
            }
          >
            {state.isStopped ? (
              <OctagonX aria-hidden="true" className="h-5 w-5" />
            ) : (
              <Power aria-hidden="true" className="h-5 w-5" />
            )}
          </span>
          <div className="min-w-0">
            <p className="text-xs font-medium uppercase tracking-wide text-slate-500">Emergency stop</p>
            <h2 className={`text-lg font-semibold ${state.isStopped ? "text-red-900" : "text-slate-900"}`}>
              {state.isStopped ? "Engine stopped" : "Engine running"}
            </h2>
            {state.isStopped ? (
              <>
                <p className="mt-1 text-sm text-red-900">
                  Stopped by <span className="font-medium">{state.changedBy ?? "an admin"}</span> on{" "}
                  <DateTime value={state.changedAt} /> UTC.
                </p>
                {state.reason ? (
                  <p className="mt-2 rounded-md border border-red-200 bg-white/70 px-3 py-2 text-sm text-red-900">
                    <span className="font-medium">Reason:</span> {state.reason}
                  </p>
                ) : null}
                <p className="mt-2 max-w-2xl text-sm text-red-800">
                  No step runs on any worker. Runs hold their place and continue from the interrupted step when you
                  resume; approvals and timers that come due meanwhile are picked up then.
                </p>
              </>
            ) : (
              <>
                <p className="mt-1 max-w-2xl text-sm text-slate-600">
                  Stopping aborts in-flight model and HTTP calls on every worker and starts no new step. Runs are not
                  cancelled: they hold their place and continue when the engine is resumed.
                </p>
                {state.changedAt ? (
                  <p className="mt-1 text-xs text-slate-500">
                    Last resumed by {state.changedBy ?? "an admin"} on <DateTime value={state.changedAt} /> UTC.
                  </p>
                ) : null}
              </>
            )}
          </div>
        </div>
        {canStop ? (
          <div className="shrink-0">
            {state.isStopped ? (
              <button
                type="button"
                onClick={() => resume.mutate()}
                disabled={resume.isPending}
                className={BUTTON.primary}
              >
                <CirclePlay aria-hidden="true" className="h-4 w-4" />
                {resume.isPending ? "Resuming…" : "Resume"}
              </button>
            ) : (
              <button type="button" onClick={openDialog} className={BUTTON.danger}>
                <OctagonX aria-hidden="true" className="h-4 w-4" />
                Stop all runs
              </button>
            )}
          </div>
        ) : null}
      </div>
      {resume.isError ? (
        <p role="alert" className="mt-3 text-sm text-red-700 sm:ml-13">
          {errorMessage(resume.error)}
        </p>
      ) : null}
      <p
        role="status"
        className={!state.isStopped && notice ? "mt-3 text-sm font-medium text-emerald-700 sm:ml-13" : ""}
      >
        {!state.isStopped && notice ? notice : ""}
      </p>
      <StopDialog
        key={dialogKey}
        isOpen={isDialogOpen}
        isPending={stop.isPending}
        error={stop.isError ? errorMessage(stop.error) : null}
        onCancel={() => setIsDialogOpen(false)}
        onConfirm={(reason) => stop.mutate(reason)}
      />
    </section>
  );
}
