// Simulating a policy document against the last finished runs of the policy's scope: for every step that called a
// model or a tool, the inputs the engine gives the policy engine are rebuilt from the stored rows
// (simulate-inputs.ts) and evaluated by the same evaluatePre/evaluatePost, with this one policy only. Nothing is
// written. Editing is what a simulation is for, so it needs write access to the policy (which, for an organisation
// policy, is the organisation admin's: its runs are every team's).
import type { TDb } from "../db/client";
import type { Prisma } from "../db/generated/client";
import type { TPrincipal } from "../auth/permissions";
import { AppError, parseOrThrow } from "../errors";
import { evaluatePost, evaluatePre } from "../policy/evaluate";
import { coveringApprovals, holdsOf, type TGivenApproval } from "../policy/approved-earlier";
import { SEVERITY, strictest, type TDecisionKind, type TPolicyDecision } from "../policy/decision";
import type { TDataClassification } from "../policy/document";
import type { TPolicyScope, TResolvedPolicy } from "../policy/scope";
import { loadPolicyFor, type TLoadedPolicy } from "./policy-access";
import { parseDocument } from "./policy-draft";
import { ZSimulatePolicy } from "./policy-inputs";
import { byEngineOrder, isCheckedStep, postInputOf, preInputOf, type TRunFacts, type TStepFacts } from "./simulate-inputs";
import type { TDecisionCounts, TSimulatedDecision, TSimulatedRun, TSimulatedStep, TSimulation } from "./simulation.shared";
import { scopeOfRow } from "./stored-scope";
import { atRestMasking } from "../policy/mask-at-rest";
import { simulateMasking } from "./simulate-masking";

const FINISHED = ["SUCCEEDED", "FAILED", "CANCELLED"] as const;
/** Runs whose steps are read at once: bounds memory (outputs can be large) for a 500-run simulation. */
const RUNS_PER_BATCH = 50;

async function documentToSimulate(db: TDb, policy: TLoadedPolicy, given: unknown) {
  const highest = await db.policyVersion.aggregate({ where: { policyId: policy.id }, _max: { number: true } });
  const next = (highest._max.number ?? 0) + 1;
  if (given !== undefined) return { document: parseDocument(given, "simulated"), source: "document" as const, version: next };
  if (policy.draftRules !== null) return { document: parseDocument(policy.draftRules, "simulated"), source: "draft" as const, version: next };
  const current = policy.currentVersionId ? await db.policyVersion.findUnique({ where: { id: policy.currentVersionId } }) : null;
  if (!current) throw new AppError("CONFLICT", "This policy has no draft and no published version: send a document to simulate.");
  return { document: parseDocument(current.rules, "simulated"), source: "current" as const, version: current.number };
}

/**
 * Which runs a scope covers and how to say so: `of` follows "finished runs" ("of team Ops"); `none` says why no run
 * can be in it (`where` null).
 */
async function runsOfScope(db: TDb, scope: TPolicyScope): Promise<{ where: Prisma.RunWhereInput; of: string } | { where: null; none: string }> {
  switch (scope.kind) {
    case "org":
      return { where: {}, of: "of every team" };
    case "team": {
      const team = await db.team.findUnique({ where: { id: scope.teamId }, select: { name: true } });
      return { where: { teamId: scope.teamId }, of: `of team ${team?.name ?? "(deleted)"}` };
    }
    case "workflow": {
      const workflow = await db.workflow.findUnique({ where: { id: scope.workflowId }, select: { name: true } });
      return { where: { workflowId: scope.workflowId }, of: `of workflow ${workflow?.name ?? "(deleted)"}` };
    }
    case "agent": {
      const agent = await db.agent.findUnique({ where: { id: scope.agentId }, select: { name: true, workflowId: true } });
      if (!agent?.workflowId) return { where: null, none: `No runs of agent ${agent?.name ?? "(deleted)"}: it has no workflow, so it has no runs.` };
      return { where: { workflowId: agent.workflowId }, of: `of agent ${agent.name}'s workflow` };
    }
    case "api_key":
      return { where: null, none: "No runs of an API key: no run records the API key it was started with, so there are none to simulate on." };
  }
}

/** "The last 4 finished runs of team Ops (…)", "The last finished run of …", "No finished runs of … (…)". */
function describeRuns(count: number, of: string, limit: number, generated: string): string {
  if (count === 0) return `No finished runs ${of} (${generated}).`;
  const runs = count === 1 ? "The last finished run" : `The last ${count} finished runs`;
  return `${runs} ${of} (at most ${limit} asked; ${generated}).`;
}

function simplify(d: TPolicyDecision): TSimulatedDecision {
  return { decision: d.decision, reason: d.reason, rules: d.rules.map((r) => ({ kind: r.kind, outcome: r.outcome, note: r.note, reason: r.reason, message: r.message })) };
}

const stricter = (a: TDecisionKind, b: TDecisionKind): TDecisionKind => (SEVERITY[b] > SEVERITY[a] ? b : a);
const zeroCounts = (): TDecisionCounts => ({ allow: 0, redact: 0, require_approval: 0, block: 0 });

type TRunRow = Awaited<ReturnType<typeof loadRuns>>[number];

function loadRuns(db: TDb, where: Prisma.RunWhereInput, limit: number, includeGenerated: boolean) {
  return db.run.findMany({
    where: { ...where, status: { in: [...FINISHED] }, ...(includeGenerated ? {} : { isGenerated: false }) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    select: {
      id: true,
      workflowId: true,
      workflowVersionId: true,
      teamId: true,
      status: true,
      input: true,
      isGenerated: true,
      createdAt: true,
      workflow: { select: { name: true, dataClassification: true } },
    },
  });
}

/** Each version a run pinned, read once however many runs share it: its number, and its graph for tool configs. */
async function loadVersions(db: TDb, runs: readonly TRunRow[]) {
  const ids = [...new Set(runs.map((r) => r.workflowVersionId))];
  const rows = await db.workflowVersion.findMany({ where: { id: { in: ids } }, select: { id: true, number: true, graph: true } });
  return new Map(rows.map((v) => [v.id, { number: v.number, configs: nodeConfigs(v.graph) }]));
}
type TVersionFacts = { number: number; configs: Map<string, Record<string, unknown>> };

async function regionLookup(db: TDb): Promise<(model: string, provider: string) => string | null> {
  const models = await db.model.findMany({ select: { name: true, region: true, provider: { select: { name: true } } } });
  const regions = new Map(models.map((m) => [`${m.provider.name}\u0000${m.name}`, m.region]));
  return (model, provider) => regions.get(`${provider}\u0000${model}`) ?? null;
}

function nodeConfigs(graph: unknown): Map<string, Record<string, unknown>> {
  const nodes = (graph as { nodes?: { id?: unknown; config?: unknown }[] } | null)?.nodes;
  const configs = new Map<string, Record<string, unknown>>();
  if (Array.isArray(nodes)) for (const n of nodes) if (typeof n.id === "string" && n.config && typeof n.config === "object") configs.set(n.id, n.config as Record<string, unknown>);
  return configs;
}

async function simulateRun(
  run: TRunRow,
  version: TVersionFacts,
  steps: TStepFacts[],
  policy: TResolvedPolicy,
  regionOf: (model: string, provider: string) => string | null,
): Promise<TSimulatedRun> {
  const facts: TRunFacts = {
    id: run.id,
    workflowId: run.workflowId,
    workflowVersionId: run.workflowVersionId,
    versionNumber: version.number,
    teamId: run.teamId,
    input: run.input,
    dataClassification: run.workflow.dataClassification as TDataClassification,
  };
  const ordered = [...steps].sort(byEngineOrder);
  const masking = atRestMasking([policy]);
  const simulated: TSimulatedStep[] = [];
  // The steps held so far, taken as approved: a later step they cover is not held again (approvalWhen.per "run").
  const held: (TGivenApproval & { nodeId: string; iterationKey: string })[] = [];
  for (const step of ordered.filter(isCheckedStep)) {
    const { input, source } = preInputOf(facts, ordered, step, version.configs.get(step.nodeId), regionOf);
    let pre = await evaluatePre(input, [policy]);
    let approvedAt: TSimulatedStep["approvedAt"];
    if (pre.decision === "require_approval") {
      const covering = coveringApprovals(pre.rules, [policy], held, input.projected?.costUsd);
      if (covering) {
        approvedAt = { nodeId: covering[0]!.nodeId, iterationKey: covering[0]!.iterationKey };
        const rest = strictest(pre.rules.filter((r) => r.outcome !== "require_approval"));
        pre = { ...pre, decision: rest, reason: pre.rules.find((r) => r.outcome === rest && rest !== "allow")?.message ?? "" };
      } else {
        held.push({ holds: holdsOf(pre.rules, [policy]), projectedCostUsd: input.projected?.costUsd, nodeId: step.nodeId, iterationKey: step.iterationKey });
      }
    }
    const postInput = pre.decision === "block" ? null : postInputOf(facts, step, regionOf);
    const post = postInput ? await evaluatePost(postInput, [policy]) : null;
    simulated.push({
      stepRunId: step.id,
      nodeId: step.nodeId,
      iterationKey: step.iterationKey,
      nodeType: step.nodeType,
      status: step.status,
      model: step.model,
      provider: step.provider,
      payloadSource: source,
      pre: simplify(pre),
      post: post ? simplify(post) : null,
      decision: stricter(pre.decision, post?.decision ?? "allow"),
      ...(approvedAt ? { approvedAt } : {}),
    });
  }
  return {
    runId: run.id,
    workflowId: run.workflowId,
    workflowName: run.workflow.name,
    versionNumber: version.number,
    status: run.status,
    isGenerated: run.isGenerated,
    createdAt: run.createdAt.toISOString(),
    decision: simulated.reduce<TDecisionKind>((d, s) => stricter(d, s.decision), "allow"),
    steps: simulated,
    maskedAtRest: masking ? simulateMasking(masking, run.input, ordered.map((s) => s.output)) : null,
  };
}

async function loadSteps(db: TDb, runIds: string[]): Promise<Map<string, TStepFacts[]>> {
  const rows = await db.stepRun.findMany({
    where: { runId: { in: runIds } },
    select: {
      id: true, runId: true, nodeId: true, iterationKey: true, nodeType: true, status: true, input: true, output: true,
      model: true, provider: true, sentRequest: true, tokensIn: true, tokensOut: true, costUsd: true, seq: true, createdAt: true,
    },
  });
  const byRun = new Map<string, TStepFacts[]>();
  for (const { runId, costUsd, ...row } of rows) {
    const list = byRun.get(runId) ?? [];
    list.push({ ...row, costUsd: costUsd.toFixed() });
    byRun.set(runId, list);
  }
  return byRun;
}

export async function simulatePolicy(db: TDb, principal: TPrincipal, policyId: string, raw: unknown): Promise<TSimulation> {
  const input = parseOrThrow(ZSimulatePolicy, raw);
  const row = await loadPolicyFor(db, principal, policyId, "policy:write");
  const { document, source, version } = await documentToSimulate(db, row, input.document);
  const scope = scopeOfRow(row);
  if (!scope) throw new AppError("CONFLICT", `This policy's scope "${row.scope}" names no target, so it covers no run.`);
  const policy: TResolvedPolicy = { id: row.id, name: row.name, version, scope, document };
  const covered = await runsOfScope(db, scope);
  const runs = covered.where ? await loadRuns(db, covered.where, input.limit, input.includeGenerated) : [];
  const [regionOf, versions] = await Promise.all([regionLookup(db), loadVersions(db, runs)]);
  const simulated: TSimulatedRun[] = [];
  for (let i = 0; i < runs.length; i += RUNS_PER_BATCH) {
    const batch = runs.slice(i, i + RUNS_PER_BATCH);
    const steps = await loadSteps(db, batch.map((r) => r.id));
    for (const run of batch) simulated.push(await simulateRun(run, versions.get(run.workflowVersionId)!, steps.get(run.id) ?? [], policy, regionOf));
  }
  const totals = { runs: zeroCounts(), steps: zeroCounts() };
  for (const run of simulated) {
    totals.runs[run.decision] += 1;
    for (const step of run.steps) totals.steps[step.decision] += 1;
  }
  const generated = input.includeGenerated ? "generated demo runs included" : "generated demo runs left out";
  const description = covered.where ? describeRuns(simulated.length, covered.of, input.limit, generated) : covered.none;
  return { policyId: row.id, source, version, description, totals, runs: simulated };
}
