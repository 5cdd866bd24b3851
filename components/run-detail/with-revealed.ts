// The run as the page shows it after a reveal: the revealed values laid over the run's latest data, step by step
// (a run still going keeps its live updates; steps that ran after the reveal show their placeholders).
import type { TRevealedRun, TRunDetail, TRunStep } from "@/server/runs/run-detail.shared";

export function withRevealed(run: TRunDetail, revealed: TRevealedRun | null): TRunDetail {
  if (!revealed || revealed.runId !== run.id) return run;
  const steps = new Map(revealed.steps.map((s) => [s.id, s]));
  const approvals = new Map(revealed.approvals.map((a) => [a.id, a]));
  const overlay = (step: TRunStep): TRunStep => {
    const r = steps.get(step.id);
    const iterations = step.iterations.map((it) => ({ ...it, steps: it.steps.map(overlay) }));
    return r ? { ...step, input: r.input, output: r.output, error: r.error, attempts: r.attempts, iterations } : { ...step, iterations };
  };
  return {
    ...run,
    ...(revealed.run ? { input: revealed.run.input, output: revealed.run.output, error: revealed.run.error } : {}),
    steps: run.steps.map(overlay),
    approvals: run.approvals.map((a) => {
      const r = approvals.get(a.id);
      return r ? { ...a, title: r.title, details: r.details } : a;
    }),
  };
}
