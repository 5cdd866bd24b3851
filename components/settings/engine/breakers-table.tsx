"use client";

import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { RotateCcw, ShieldCheck } from "lucide-react";
import { errorMessage, request } from "@/components/shell/api-client";
import { Badge, type TTone } from "@/components/shell/badge";
import { Table, TBody, THead, Td, Th, Tr, Sub } from "@/components/shell/data-table";
import { DateTime } from "@/components/shell/date-time";
import { EmptyState } from "@/components/shell/empty-state";
import { BUTTON } from "@/components/shell/form-styles";
import { ModalActions, ModalDialog } from "@/components/shell/modal-dialog";
import { formatDuration, formatNumber } from "@/components/format";
import type { TBreakerRow, TBreakerState } from "@/server/settings/engine-status.shared";
import { engineKeys } from "./engine-api";

const STATES: Record<TBreakerState, { label: string; tone: TTone; hint: string }> = {
  closed: { label: "Closed", tone: "green", hint: "Calls go through; recent failures are counted" },
  open: { label: "Open", tone: "red", hint: "Calls fail fast until the next probe" },
  half_open: { label: "Half-open", tone: "amber", hint: "One probe call is testing the target" },
};

const KIND_LABELS: Record<TBreakerRow["kind"], string> = { provider: "Provider", host: "Host", other: "Other" };

function NextProbe({ row, now }: { row: TBreakerRow; now: string }) {
  if (row.state === "half_open") return <span className="text-amber-700">Probing now</span>;
  if (row.state !== "open" || !row.nextProbeAt) return <span className="text-slate-400">—</span>;
  const inMs = Date.parse(row.nextProbeAt) - Date.parse(now);
  return (
    <>
      <DateTime value={row.nextProbeAt} />
      <Sub>{inMs > 0 ? `in ${formatDuration(inMs)}` : "due now"}</Sub>
    </>
  );
}

type TProps = { breakers: TBreakerRow[]; now: string; canReset: boolean };

export function BreakersTable({ breakers, now, canReset }: TProps) {
  const queryClient = useQueryClient();
  const [target, setTarget] = useState<TBreakerRow | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const reset = useMutation({
    mutationFn: (key: string) =>
      request<{ key: string }>("/api/engine/breakers/reset", { method: "POST", body: { key } }),
    onSuccess: () => {
      setNotice(`Circuit breaker for ${target?.label ?? "the target"} reset: calls go through again.`);
      setTarget(null);
      void queryClient.invalidateQueries({ queryKey: engineKeys.status() });
    },
  });

  return (
    <>
      <p role="status" className={notice ? "mb-3 text-sm font-medium text-emerald-700" : ""}>
        {notice ?? ""}
      </p>
      {breakers.length === 0 ? (
        <EmptyState
          icon={ShieldCheck}
          title="No circuit breaker has tripped"
          description="When a provider or host fails repeatedly, Baton pauses calls to it for a cool-down and then lets one probe call through. Breakers with recent failures appear here."
        />
      ) : (
        <Table label="Circuit breakers">
          <THead>
            <Th>Provider or host</Th>
            <Th>State</Th>
            <Th align="right">Failures in window</Th>
            <Th>Opened at</Th>
            <Th>Next probe</Th>
            {canReset ? <Th align="right">Actions</Th> : null}
          </THead>
          <TBody>
            {breakers.map((b) => (
              <Tr key={b.key}>
                <Td className="min-w-48">
                  <div className="font-medium text-slate-900">{b.label}</div>
                  <Sub>
                    {KIND_LABELS[b.kind]} · <span className="font-mono">{b.key}</span>
                  </Sub>
                </Td>
                <Td>
                  <Badge tone={STATES[b.state].tone} title={STATES[b.state].hint}>
                    {STATES[b.state].label}
                  </Badge>
                </Td>
                <Td align="right">{formatNumber(b.failures)}</Td>
                <Td>
                  <DateTime value={b.openedAt} />
                </Td>
                <Td>
                  <NextProbe row={b} now={now} />
                </Td>
                {canReset ? (
                  <Td align="right">
                    <button
                      type="button"
                      onClick={() => {
                        reset.reset();
                        setTarget(b);
                      }}
                      aria-label={`Reset ${b.label}`}
                      className={BUTTON.small}
                    >
                      <RotateCcw aria-hidden="true" className="h-3.5 w-3.5" />
                      Reset
                    </button>
                  </Td>
                ) : null}
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
      <ModalDialog isOpen={target !== null} onClose={() => setTarget(null)} title="Reset this circuit breaker?" hasCloseButton={false}>
        <p className="text-sm text-slate-600">
          Calls to <span className="font-medium text-slate-900">{target?.label}</span>
          {target ? ` (${STATES[target.state].label.toLowerCase()}, ${formatNumber(target.failures)} failures)` : ""} go
          through again right away, and its failure count starts from zero. If the target is still failing, the breaker
          opens again after a few failures. The reset is recorded in the audit trail.
        </p>
        {reset.isError ? (
          <p role="alert" className="mt-3 text-sm text-red-700">
            {errorMessage(reset.error)}
          </p>
        ) : null}
        <ModalActions
          onCancel={() => setTarget(null)}
          onConfirm={() => target && reset.mutate(target.key)}
          confirmLabel="Reset breaker"
          pendingLabel="Resetting…"
          isPending={reset.isPending}
          isDisabled={!target}
        />
      </ModalDialog>
    </>
  );
}
