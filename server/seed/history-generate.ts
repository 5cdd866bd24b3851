import { Prisma } from "../db/generated/client";
import { sumCosts, type TModelPrices } from "../gateway/pricing";
import type { TWorkflowGraph } from "../workflows/graph.shared";
import type { TDemoTemplate } from "./demo-template";
import { governHistoryRun, type THistoryGovernance } from "./history-governance";
import { settleRun, type TFate, type TRunOutcome } from "./history-outcome";
import { simulateRun } from "./history-simulate";
import { freshApprovalRun, runTimes, type TSimulated } from "./history-times";
import { createRandom, stableId } from "./random";

// Generated run history for one demo workflow: a realistic daily volume with weekday seasonality and a
// business-hours profile, each run simulated through the graph. Everything derives from a PRNG seeded with the
// workflow and the anchor time, and ids derive from the same inputs, so the same call produces the same rows.

export type THistoryTarget = {
  template: TDemoTemplate;
  graph: TWorkflowGraph;
  workflowId: string;
  versionId: string;
  teamId: string;
};
export type THistoryOptions = {
  now: Date;
  days: number;
  approverId: string;
  prices: Record<string, TModelPrices>;
  modelNamesById: Record<string, string>;
};

export type TSettledRun = TRunOutcome & {
  runId: string;
  queuedAt: Date;
  startedAt: Date;
  durationMs: number | null;
  teamId: string;
  workflowId: string;
};

export type THistoryRows = {
  runs: Prisma.RunCreateManyInput[];
  steps: Prisma.StepRunCreateManyInput[];
  approvals: Prisma.ApprovalCreateManyInput[];
  settled: TSettledRun[];
};

const FATES = [
  ["ok", 94],
  ["fail", 4.8],
  ["cancel", 1.2],
] as const satisfies readonly (readonly [TFate, number])[];
// Approvals requested in the last day and still within their SLA are often undecided, and the latest few always
// are: that is what fills the demo inbox.
const HOLD_WINDOW_MS = 86_400_000;
const HOLD_CHANCE = 0.3;
const ALWAYS_HELD = 2;
const FRESH_APPROVALS = 2;

const json = (value: unknown) => (value === null || value === undefined ? undefined : (value as Prisma.InputJsonValue));

export async function generateHistory(
  target: THistoryTarget,
  options: THistoryOptions,
  governance: THistoryGovernance,
): Promise<THistoryRows> {
  const { template, graph, workflowId, versionId, teamId } = target;
  const ctx = { graph, prices: options.prices, modelNamesById: options.modelNamesById };
  const seed = `${template.key}|${workflowId}|${options.now.toISOString()}|${options.days}`;
  const rng = createRandom(`${seed}|runs`);
  const rows: THistoryRows = { runs: [], steps: [], approvals: [], settled: [] };

  const simulated: TSimulated[] = runTimes(template, options.now, options.days, seed).map((queuedAt) => {
    const plan = template.plan(rng, queuedAt);
    return { queuedAt, plan, sim: simulateRun(template, plan, queuedAt, rng, ctx) };
  });
  const reaches = (r: TSimulated) =>
    r.sim.steps.some((s) => s.nodeId === template.approval?.nodeId && s.status === "SUCCEEDED");
  const fresh = Array.from({ length: template.approval ? FRESH_APPROVALS : 0 }, () =>
    freshApprovalRun(template, options.now, rng, ctx, reaches),
  ).filter((r): r is TSimulated => r !== null);
  simulated.push(...fresh);
  simulated.sort((a, b) => a.queuedAt.getTime() - b.queuedAt.getTime());
  const alwaysHeld = new Set([...simulated.filter(reaches).slice(-ALWAYS_HELD), ...fresh]);

  for (const [index, run] of simulated.entries()) {
    const { queuedAt, plan, sim } = run;
    const runId = stableId("run", seed, index);
    const isRecent = queuedAt.getTime() > options.now.getTime() - HOLD_WINDOW_MS;
    const isHeld = alwaysHeld.has(run) || (isRecent && rng.chance(HOLD_CHANCE));
    const fate = alwaysHeld.has(run) ? "ok" : rng.weighted(FATES);
    const outcome = settleRun(template, graph.edges, plan, sim, fate, isHeld, options.now, rng);
    // The policy engine draws nothing from the RNG: the decisions change nothing else in the history.
    await governHistoryRun(
      { runId, workflowId, versionId, teamId, graph, input: sim.input, steps: outcome.steps },
      governance,
    );
    const cost = sumCosts(outcome.steps.map((s) => s.costUsd ?? 0));
    const durationMs = outcome.finishedAt ? outcome.finishedAt.getTime() - sim.startedAt.getTime() : null;
    const lastEvent = Math.max(
      sim.startedAt.getTime(),
      ...outcome.steps.map((s) => (s.finishedAt ?? s.startedAt ?? queuedAt).getTime()),
    );
    rows.runs.push({
      id: runId,
      workflowId,
      workflowVersionId: versionId,
      teamId,
      status: outcome.status,
      triggerType: template.triggerType,
      input: sim.input as Prisma.InputJsonValue,
      output: outcome.status === "SUCCEEDED" ? json(plan.finalOutput) : undefined,
      error: outcome.error,
      errorNodeId: outcome.errorNodeId,
      costUsd: cost,
      tokensIn: outcome.steps.reduce((n, s) => n + s.tokensIn, 0),
      tokensOut: outcome.steps.reduce((n, s) => n + s.tokensOut, 0),
      queuedAt,
      startedAt: sim.startedAt,
      finishedAt: outcome.finishedAt,
      durationMs,
      isGenerated: true,
      createdAt: queuedAt,
      updatedAt: new Date(Math.min(lastEvent, options.now.getTime())),
    });
    for (const s of outcome.steps) {
      rows.steps.push({
        id: stableId("step", runId, s.nodeId),
        runId,
        nodeId: s.nodeId,
        nodeType: s.nodeType,
        iterationKey: "",
        status: s.status,
        attempt: s.attempt,
        input: json(s.input),
        output: json(s.output),
        error: s.error,
        errorCode: s.errorCode,
        model: s.model,
        provider: s.provider,
        tokensIn: s.tokensIn,
        tokensOut: s.tokensOut,
        costUsd: s.costUsd ?? new Prisma.Decimal(0),
        latencyMs: s.latencyMs,
        policyDecisions: json(s.policyDecisions),
        sentRequest: json(s.sentRequest),
        firedHandles: s.firedHandles,
        waitKind: s.waitKind,
        waitUntil: s.waitUntil,
        startedAt: s.startedAt,
        finishedAt: s.finishedAt,
        createdAt: s.startedAt ?? s.finishedAt ?? queuedAt,
        updatedAt: s.finishedAt ?? s.startedAt ?? queuedAt,
      });
    }
    const a = outcome.approval;
    if (a && template.approval) {
      const isDecided = a.status === "APPROVED" || a.status === "REJECTED";
      const decision = plan.outputs[a.nodeId] as { comment?: string } | undefined;
      rows.approvals.push({
        id: stableId("approval", runId, a.nodeId),
        runId,
        stepRunId: stableId("step", runId, a.nodeId),
        teamId,
        title: template.approval.title(plan),
        details: template.approval.details(plan) as Prisma.InputJsonValue,
        assigneeRole: "approver",
        status: a.status,
        decidedById: isDecided ? options.approverId : null,
        comment: isDecided ? (decision?.comment ?? null) : null,
        dueAt: a.dueAt,
        decidedAt: a.decidedAt,
        createdAt: a.requestedAt,
        updatedAt: a.decidedAt ?? (a.status === "CANCELLED" ? outcome.finishedAt : null) ?? a.requestedAt,
      });
    }
    rows.settled.push({ ...outcome, runId, queuedAt, startedAt: sim.startedAt, durationMs, teamId, workflowId });
  }
  return rows;
}
