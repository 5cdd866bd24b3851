import type { TDemoTemplate, TRunPlan } from "./demo-template";
import { simulateRun, type TSimContext, type TSimulation } from "./history-simulate";
import { createRandom, type TRandom } from "./random";

// When the generated runs happened: daily volumes with weekday seasonality over a business-hours profile, plus one
// run shortly before now that waits for approval.

// Share of runs per UTC hour: quiet nights, a working-day plateau.
const HOURLY = [1, 1, 1, 1, 1, 2, 3, 5, 8, 10, 10, 9, 8, 9, 10, 10, 9, 7, 6, 5, 4, 3, 2, 1].map(
  (w, h) => [h, w] as const,
);
const DAY_MS = 86_400_000;
// Runs younger than this would still be executing; the history stops short of now.
const QUIET_TAIL_MS = 10 * 60_000;

/** When the runs of the history were queued: per UTC day a count in the template's range, hours by HOURLY. */
export function runTimes(template: TDemoTemplate, now: Date, days: number, seed: string): Date[] {
  const rng = createRandom(`${seed}|times`);
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const earliest = now.getTime() - days * DAY_MS;
  const latest = now.getTime() - QUIET_TAIL_MS;
  const times: Date[] = [];
  for (let d = days; d >= 0; d--) {
    const dayStart = today - d * DAY_MS;
    const weekday = new Date(dayStart).getUTCDay();
    const range = weekday === 0 || weekday === 6 ? template.runsPerDay.weekend : template.runsPerDay.weekday;
    const count = rng.int(...range);
    for (let i = 0; i < count; i++) {
      const t = dayStart + rng.weighted(HOURLY) * 3_600_000 + rng.int(0, 3_599_999);
      if (t > earliest && t <= latest) times.push(new Date(t));
    }
  }
  return times.sort((a, b) => a.getTime() - b.getTime());
}

export type TSimulated = { queuedAt: Date; plan: TRunPlan; sim: TSimulation };

/**
 * One run that asked for approval shortly before now, so the inbox always shows a request still within its SLA
 * (beside older, overdue ones). The plan is redrawn until the run reaches the approval step.
 */
export function freshApprovalRun(
  template: TDemoTemplate,
  now: Date,
  rng: TRandom,
  ctx: TSimContext,
  reaches: (r: TSimulated) => boolean,
): TSimulated | null {
  const slaMinutes = template.approval?.slaMinutes ?? 60;
  const queuedAt = new Date(now.getTime() - rng.int(12, Math.max(13, Math.floor(slaMinutes * 0.6))) * 60_000);
  for (let attempt = 0; attempt < 100; attempt++) {
    const plan = template.plan(rng, queuedAt);
    const run = { queuedAt, plan, sim: simulateRun(template, plan, queuedAt, rng, ctx) };
    if (reaches(run)) return run;
  }
  return null;
}
