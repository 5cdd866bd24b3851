"use client";

import { useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Plus, Trash2 } from "lucide-react";
import { ApiRequestError, request } from "@/components/shell/api-client";
import { BUTTON } from "@/components/shell/form-styles";
import type { TBreakerSettings } from "@/server/net/breaker-settings.shared";
import { describeIssue, fromRows, toRows, type TThresholdRow } from "./breaker-threshold-rows";
import { engineKeys } from "./engine-api";

type TProps = { initial: TBreakerSettings; providers: { id: string; name: string }[]; canWrite: boolean };

const CELL_INPUT =
  "w-full min-w-0 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-100 disabled:bg-slate-50";

const COLUMNS: { field: keyof TThresholdRow; label: string; hint: string }[] = [
  { field: "failures", label: "Failures", hint: "that open the circuit" },
  { field: "windowSeconds", label: "Window (s)", hint: "failures are counted in" },
  { field: "ratePercent", label: "Failure rate (%)", hint: "optional, also opens it" },
  { field: "minRequests", label: "Min. calls", hint: "for the rate to count" },
  { field: "coolDownSeconds", label: "Cool-down (s)", hint: "before one probe call" },
];

export function BreakerThresholdsForm({ initial, providers, canWrite }: TProps) {
  const queryClient = useQueryClient();
  const [rows, setRows] = useState(() => toRows(initial));
  const [errors, setErrors] = useState<string[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const [added, setAdded] = useState(0);
  const providerName = (id: string) => providers.find((p) => p.id === id)?.name ?? `provider ${id}`;

  const save = useMutation({
    mutationFn: (body: TBreakerSettings) =>
      request<{ settings: TBreakerSettings; isChanged: boolean }>("/api/engine/breakers/settings", { method: "PUT", body }),
    onSuccess: ({ settings, isChanged }) => {
      setRows(toRows(settings));
      setErrors([]);
      setNotice(isChanged ? "Circuit breaker thresholds saved. Workers apply them within 5 s." : "Nothing changed: these thresholds were already saved.");
      void queryClient.invalidateQueries({ queryKey: engineKeys.status() });
    },
  });

  const update = (id: string, patch: Partial<TThresholdRow>) => setRows((all) => all.map((r) => (r.id === id ? { ...r, ...patch } : r)));
  const addRow = (kind: "host" | "provider") => {
    const defaults = rows.find((r) => r.kind === "default")!;
    setAdded(added + 1);
    setRows([...rows, { ...defaults, id: `new-${added}`, kind, target: kind === "provider" ? (providers[0]?.id ?? "") : "" }]);
  };

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setNotice(null);
    save.mutate(fromRows(rows), {
      onError: (error) =>
        setErrors(
          error instanceof ApiRequestError && error.issues.length > 0
            ? error.issues.map((i) => describeIssue(i.path, i.message, rows, providerName))
            : [error instanceof Error ? error.message : "Saving failed. Try again."],
        ),
    });
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Circuit breaker thresholds" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <fieldset disabled={!canWrite || save.isPending}>
        <legend className="sr-only">Circuit breaker thresholds</legend>
        <div className="overflow-x-auto">
          <table className="w-full text-sm">
            <thead>
              <tr className="text-left align-bottom text-xs text-slate-500">
                <th className="pb-2 pr-3 font-medium">Applies to</th>
                {COLUMNS.map((c) => (
                  <th key={c.field} className="pb-2 pr-3 font-medium">
                    <span className="block text-slate-700">{c.label}</span>
                    {c.hint}
                  </th>
                ))}
                <th className="pb-2"><span className="sr-only">Remove</span></th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const name = row.kind === "default" ? "All other hosts and providers" : row.kind === "provider" ? providerName(row.target) : row.target || "new host";
                return (
                  <tr key={row.id} className="border-t border-slate-100 align-top">
                    <td className="py-2 pr-3">
                      {row.kind === "default" ? (
                        <span className="font-medium text-slate-900">{name}</span>
                      ) : row.kind === "provider" ? (
                        <select aria-label="Provider" value={row.target} onChange={(e) => update(row.id, { target: e.target.value })} className={CELL_INPUT}>
                          {providers.map((p) => (
                            <option key={p.id} value={p.id}>{p.name}</option>
                          ))}
                        </select>
                      ) : (
                        <input aria-label="Host" value={row.target} placeholder="api.example.com or api.example.com:8443" onChange={(e) => update(row.id, { target: e.target.value })} spellCheck={false} autoCapitalize="off" className={`${CELL_INPUT} font-mono`} />
                      )}
                    </td>
                    {COLUMNS.map((c) => (
                      <td key={c.field} className="py-2 pr-3">
                        <input aria-label={`${c.label} for ${name}`} inputMode="decimal" value={row[c.field]} onChange={(e) => update(row.id, { [c.field]: e.target.value })} className={`${CELL_INPUT} w-24`} />
                      </td>
                    ))}
                    <td className="py-2">
                      {row.kind === "default" ? null : (
                        <button type="button" aria-label={`Remove ${name}`} onClick={() => setRows(rows.filter((r) => r.id !== row.id))} className={BUTTON.icon}>
                          <Trash2 aria-hidden="true" className="h-4 w-4" />
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        {canWrite ? (
          <div className="mt-3 flex flex-wrap gap-2">
            <button type="button" onClick={() => addRow("host")} className={BUTTON.small}>
              <Plus aria-hidden="true" className="h-3.5 w-3.5" /> Host
            </button>
            {providers.length > 0 ? (
              <button type="button" onClick={() => addRow("provider")} className={BUTTON.small}>
                <Plus aria-hidden="true" className="h-3.5 w-3.5" /> Provider
              </button>
            ) : null}
          </div>
        ) : null}
      </fieldset>

      {errors.length > 0 ? (
        <ul role="alert" className="mt-4 space-y-0.5 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {errors.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      ) : null}

      <div className="mt-6 flex flex-wrap items-center gap-3 border-t border-slate-100 pt-4">
        {canWrite ? (
          <button type="submit" disabled={save.isPending} className={BUTTON.primary}>
            {save.isPending ? "Saving…" : "Save thresholds"}
          </button>
        ) : (
          <p className="text-sm text-slate-500">Only organisation admins can change these settings.</p>
        )}
        <p role="status" className="text-sm text-slate-500">
          {notice ? <span className="font-medium text-emerald-700">{notice}</span> : "Changes are recorded in the audit trail."}
        </p>
      </div>
    </form>
  );
}
