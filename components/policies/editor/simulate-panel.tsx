"use client";

import { useId, useState } from "react";
import Link from "next/link";
import { useMutation } from "@tanstack/react-query";
import { FlaskConical } from "lucide-react";
import { Badge } from "@/components/shell/badge";
import { DateTime } from "@/components/shell/date-time";
import { BUTTON, FIELD, LABEL } from "@/components/shell/form-styles";
import { GeneratedTag } from "@/components/shell/status-badge";
import type { TPolicyDetail } from "@/server/policies/policy-detail.shared";
import type { TSimulatedDecision, TSimulatedRun, TSimulation } from "@/server/policies/simulation.shared";
import { simulate } from "../policy-api";
import { DECISION_ORDER, DECISION_VIEW } from "./decision-labels";

type TProps = { policy: TPolicyDetail; document: unknown; isDirty: boolean; problemCount: number };

const LIMITS = [20, 50, 100, 200, 500];

function sourceWords(simulation: TSimulation, wasEdited: boolean): string {
  if (wasEdited) return "the rules in the editor (not saved)";
  if (simulation.source === "draft") return "the saved draft";
  if (simulation.source === "current") return `the current version v${simulation.version}`;
  return "the rules in the editor";
}

/** What the policy as it is in the editor would have done to the scope's last runs, computed by the policy engine. */
export function SimulatePanel({ policy, document, isDirty, problemCount }: TProps) {
  const limitId = useId();
  const [limit, setLimit] = useState(50);
  const [includeGenerated, setIncludeGenerated] = useState(true);
  const [onlyChanged, setOnlyChanged] = useState(true);
  const run = useMutation({
    mutationFn: (body: { wasEdited: boolean }) =>
      simulate(policy.id, { ...(body.wasEdited ? { document } : {}), limit, includeGenerated }).then((simulation) => ({ simulation, ...body })),
  });
  const result = run.data;
  const hasRules = isDirty || policy.draft !== null || policy.currentVersion !== null;
  const shown = result ? result.simulation.runs.filter((r) => !onlyChanged || r.decision !== "allow" || (r.maskedAtRest?.count ?? 0) > 0) : [];
  const masks = result?.simulation.runs.some((r) => r.maskedAtRest !== null) ?? false;
  return (
    <div className="space-y-4">
      <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <p className="text-sm text-slate-600">
          Runs the rules as they are in the editor{isDirty ? " (with your unsaved changes)" : ""} against the last finished runs this policy
          covers, {policy.scope.kind === "org" ? "those of every team" : `those of ${policy.scope.label}`}, with the same policy engine the runs
          use. Nothing is saved and no run is changed.
        </p>
        <div className="mt-3 flex flex-wrap items-end gap-4">
          <div>
            <label htmlFor={limitId} className={LABEL}>
              Runs
            </label>
            <select id={limitId} value={limit} onChange={(e) => setLimit(Number(e.target.value))} className={`${FIELD} w-32`}>
              {LIMITS.map((n) => (
                <option key={n} value={n}>
                  Last {n}
                </option>
              ))}
            </select>
          </div>
          <label className="mb-2 inline-flex items-center gap-2 text-sm text-slate-700">
            <input type="checkbox" checked={includeGenerated} onChange={(e) => setIncludeGenerated(e.target.checked)} className="h-4 w-4 rounded border-slate-300" />
            Include generated demo runs
          </label>
          <button
            type="button"
            className={BUTTON.primary}
            disabled={run.isPending || problemCount > 0 || !hasRules}
            onClick={() => run.mutate({ wasEdited: isDirty })}
          >
            <FlaskConical aria-hidden="true" className="h-4 w-4" />
            {run.isPending ? "Simulating…" : "Simulate"}
          </button>
        </div>
        {problemCount > 0 ? (
          <p className="mt-2 text-sm text-red-700">Fix the {problemCount === 1 ? "problem" : `${problemCount} problems`} on the Rules tab first.</p>
        ) : !hasRules ? (
          <p className="mt-2 text-sm text-slate-500">Write some rules on the Rules tab first.</p>
        ) : null}
        {run.error ? (
          <p role="alert" className="mt-2 whitespace-pre-line rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
            {run.error.message}
          </p>
        ) : null}
      </div>

      {result ? (
        <section aria-label="Simulation result" className="space-y-3">
          <p className="text-sm text-slate-600">
            Simulated {sourceWords(result.simulation, result.wasEdited)}: {result.simulation.description}
          </p>
          <Totals simulation={result.simulation} />
          <label className="inline-flex items-center gap-2 text-sm text-slate-700">
            <input type="checkbox" checked={onlyChanged} onChange={(e) => setOnlyChanged(e.target.checked)} className="h-4 w-4 rounded border-slate-300" />
            Only runs the policy would change{masks ? " (or mask at rest)" : ""}
          </label>
          {shown.length === 0 ? (
            <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-6 text-center text-sm text-slate-500">
              {result.simulation.runs.length === 0
                ? "No finished runs in this scope to simulate."
                : `None of these runs would have been blocked, held${masks ? ", redacted or masked at rest" : " or redacted"}.`}
            </p>
          ) : (
            <ul aria-label="Simulated runs" className="space-y-2">
              {shown.map((r) => (
                <RunResult key={r.runId} run={r} />
              ))}
            </ul>
          )}
        </section>
      ) : null}
    </div>
  );
}

function Totals({ simulation }: { simulation: TSimulation }) {
  return (
    <dl aria-label="Totals" className="grid gap-3 sm:grid-cols-4">
      {DECISION_ORDER.map((d) => (
        <div key={d} className="rounded-lg border border-slate-200 bg-white px-4 py-3">
          <dt className="text-xs font-medium text-slate-500">{DECISION_VIEW[d].would}</dt>
          <dd className="mt-1 text-lg font-semibold text-slate-900">
            {simulation.totals.runs[d]} <span className="text-sm font-normal text-slate-500">{simulation.totals.runs[d] === 1 ? "run" : "runs"}</span>
            <span className="ml-2 text-xs font-normal text-slate-500">
              {simulation.totals.steps[d]} {simulation.totals.steps[d] === 1 ? "step" : "steps"}
            </span>
          </dd>
        </div>
      ))}
    </dl>
  );
}

function reasonsOf(decision: TSimulatedDecision | null): string[] {
  if (!decision) return [];
  return decision.rules.map((r) => r.message);
}

function RunResult({ run }: { run: TSimulatedRun }) {
  const steps = run.decision === "allow" ? run.steps : run.steps.filter((s) => s.decision !== "allow" || s.approvedAt);
  return (
    <li className="rounded-lg border border-slate-200 bg-white px-4 py-3" data-testid={`simulated-run-${run.runId}`}>
      <div className="flex flex-wrap items-center gap-2">
        <Badge tone={DECISION_VIEW[run.decision].tone}>{DECISION_VIEW[run.decision].label}</Badge>
        <Link href={`/runs/${run.runId}`} className="font-medium text-brand-700 hover:underline">
          {run.workflowName} · v{run.versionNumber}
        </Link>
        {run.isGenerated ? <GeneratedTag /> : null}
        <span className="font-mono text-xs text-slate-500">{run.runId}</span>
        <span className="text-xs text-slate-500">
          <DateTime value={run.createdAt} /> · {run.status.toLowerCase()}
        </span>
      </div>
      {run.maskedAtRest ? (
        <p className="mt-1 text-sm text-slate-700" data-testid={`simulated-masking-${run.runId}`}>
          <span className="font-medium">Masking at rest:</span> {run.maskedAtRest.summary}
        </p>
      ) : null}
      {steps.length > 0 ? (
        <ul className="mt-2 space-y-1.5">
          {steps.map((s) => {
            const reasons = [...reasonsOf(s.pre), ...reasonsOf(s.post)];
            return (
              <li key={s.stepRunId} className="text-sm">
                <span className="font-mono text-xs text-slate-700">{s.nodeId}</span>
                {s.iterationKey ? <span className="text-xs text-slate-500"> (iteration {s.iterationKey})</span> : null}
                <span className="text-xs text-slate-500">
                  {" "}
                  · {s.model ? `${s.provider ?? "model"}/${s.model}` : s.nodeType}
                </span>{" "}
                <Badge tone={DECISION_VIEW[s.decision].tone}>{DECISION_VIEW[s.decision].label}</Badge>
                {reasons.length > 0 ? (
                  <ul className="mt-0.5 list-disc pl-6 text-sm text-slate-700 marker:text-slate-400">
                    {reasons.map((reason, i) => (
                      <li key={`${i}-${reason}`}>{reason}</li>
                    ))}
                  </ul>
                ) : null}
                {s.approvedAt ? (
                  <p className="pl-6 text-xs text-slate-500">
                    Not held again: the approval asked for at step &quot;{s.approvedAt.nodeId}&quot;
                    {s.approvedAt.iterationKey ? ` (iteration ${s.approvedAt.iterationKey})` : ""}, once given, covers it (this policy asks once per
                    run).
                  </p>
                ) : null}
                {s.payloadSource === "none" ? (
                  <p className="pl-6 text-xs text-slate-500">No prompt was stored for this step: only model, tool, cost and condition rules were checked.</p>
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="mt-1 text-xs text-slate-500">No step of this run made a model or tool call the policy checks.</p>
      )}
    </li>
  );
}
