import { renderTemplate } from "../engine/templates";
import type { TPolicyPoint, TPolicyRecord, TSentRequest } from "../governance/records.shared";
import { checkedOf, projectCall, sentRequestOf } from "../governance/call-record";
import type { TModelPrices } from "../gateway/pricing";
import type { TChatMessage } from "../gateway/providers";
import { jsonSchemaResponseFormat, type TJsonSchema } from "../gateway/structured-output";
import { NO_AUTH, redactUrl } from "../net/credentials";
import { classificationMessages, classificationSchema } from "../nodes/ai-classifier/llm-classify";
import type { TScope } from "../nodes/execute-types";
import { buildRequest } from "../nodes/tool-http/build-request";
import { ZHttpConfig } from "../nodes/tool-http/definition";
import {
  createVault,
  evaluatePost,
  evaluatePre,
  type TPolicyActor,
  type TPolicyDecision,
  type TResolvedPolicy,
} from "../policy";
import type { TDataClassification } from "../policy/document";
import type { TModelRef, TPreInput } from "../policy/input";
import type { TPiiVault } from "../policy/pii/redact";
import type { TWorkflowGraph, TWorkflowNode } from "../workflows/graph.shared";
import type { TStepDraft } from "./history-simulate";

// The policy decisions of generated steps, taken by the policy engine itself (server/policy/) on what each step would
// have sent and received, and recorded as the governance layer records them (StepRun.policyDecisions, and the model
// request that left in StepRun.sentRequest): model.pre and model.post around a model call, tool.pre and tool.post
// around an HTTP request. So generated history can only show decisions the code takes. Payloads are built the way the
// executors build them: prompts rendered from the node's templates against the run's input and the outputs of the
// steps that finished before, HTTP requests by the HTTP node's own request builder.
//
// What the simulation does not know is left out rather than invented:
// - no budget is passed: the seeded budgets are created after the history, from its month-to-date cost, and the
//   generated cost stays below their warning thresholds (seed.int.test.ts checks it), where no budget rule fires;
// - a failed step keeps no answer, so only a step that succeeded has a post decision;
// - every attempt a step made gets its pre decision; an attempt that failed had no answer to check.

export type THistoryModel = {
  provider: string;
  region: string | null;
  prices: TModelPrices;
  maxOutputTokens: number | null;
};

export type THistoryGovernance = {
  /** The policies that cover the workflow, broadest scope first (as selectPolicies orders them). */
  policies: TResolvedPolicy[];
  /** Who acts: the workflow's registered agent, else the workflow (generated runs have no person who started them). */
  actor: TPolicyActor;
  dataClassification?: TDataClassification;
  /** The number of the workflow version the runs ran. */
  versionNumber: number;
  /** The catalog's facts by model name. */
  models: Record<string, THistoryModel>;
};

export type TGovernedRun = {
  runId: string;
  workflowId: string;
  versionId: string;
  teamId: string;
  graph: TWorkflowGraph;
  /** The run's input, as its trigger built it. */
  input: Record<string, unknown>;
  /** The settled steps; policyDecisions and sentRequest are filled in place. */
  steps: TStepDraft[];
};

const HAS_CALLED = new Set(["SUCCEEDED", "FAILED", "CANCELLED"]);

type TCall = {
  /** What is about to leave, and what the pre decision is about. */
  pre: Pick<TPreInput, "payload" | "model" | "projected" | "toolCall"> & { subject: string };
  /** What came back, for a step that succeeded. */
  post: { output: unknown; subject: string; actual?: TPreInput["projected"] } | null;
  /** For a model call: the request record, given the messages that left. */
  sent?: (messages: unknown) => TSentRequest;
};

export async function governHistoryRun(run: TGovernedRun, gov: THistoryGovernance): Promise<void> {
  const nodes = new Map(run.graph.nodes.map((n) => [n.id, n]));
  const succeeded = run.steps.filter((s) => s.status === "SUCCEEDED" && s.finishedAt);
  // One vault per run, filled in the order the calls left, as the run's own vault is.
  const vault = createVault();
  const started = run.steps
    .filter((s) => s.startedAt && HAS_CALLED.has(s.status))
    .sort((a, b) => a.startedAt!.getTime() - b.startedAt!.getTime());
  for (const step of started) {
    const node = nodes.get(step.nodeId);
    if (!node) continue;
    const before = succeeded.filter((s) => s.finishedAt!.getTime() <= step.startedAt!.getTime());
    const scope: TScope = {
      trigger: run.input,
      nodes: Object.fromEntries(before.map((s) => [s.nodeId, { output: s.output }])),
      run: { id: run.runId, workflowId: run.workflowId, teamId: run.teamId },
    };
    const call = await callOf(node, step, scope, gov);
    if (call) await governStep(step, call, scope, run, gov, vault);
  }
}

async function governStep(
  step: TStepDraft,
  call: TCall,
  scope: TScope,
  run: TGovernedRun,
  gov: THistoryGovernance,
  vault: TPiiVault,
): Promise<void> {
  const context = {
    actor: gov.actor,
    teamId: run.teamId,
    workflow: { id: run.workflowId, versionId: run.versionId, versionNumber: gov.versionNumber },
    nodeType: step.nodeType,
    dataClassification: gov.dataClassification,
    vault,
  };
  const { subject, ...pre } = call.pre;
  const records: TPolicyRecord[] = [];
  const start = step.startedAt!.getTime();
  const end = (step.finishedAt ?? step.startedAt!).getTime();
  for (let attempt = 1; attempt <= step.attempt; attempt++) {
    const decision = assertLetThrough(
      await evaluatePre({ ...context, ...pre, conditionScope: scope }, gov.policies),
      step,
    );
    const at = new Date(start + Math.round(((end - start) * (attempt - 1)) / step.attempt));
    records.push(record(pre.toolCall ? "tool.pre" : "model.pre", decision, subject, attempt, at, gov.policies));
    if (attempt === step.attempt && call.sent) step.sentRequest = call.sent(decision.redactedPayload ?? pre.payload);
  }
  if (call.post) {
    const decision = assertLetThrough(
      await evaluatePost({ ...context, output: call.post.output, actual: call.post.actual }, gov.policies),
      step,
    );
    const point = pre.toolCall ? "tool.post" : "model.post";
    records.push(record(point, decision, call.post.subject, step.attempt, new Date(end), gov.policies));
  }
  step.policyDecisions = records;
}

/**
 * The simulated run made the call and used its answer; a decision that stops either would have changed the run, which
 * the history cannot show as it is: the seed stops with the policy's reason rather than write a run contradicting it.
 */
function assertLetThrough(decision: TPolicyDecision, step: TStepDraft): TPolicyDecision {
  if (decision.decision === "block" || decision.decision === "require_approval") {
    throw new Error(`Cannot generate demo history for step "${step.nodeId}": ${decision.reason}`);
  }
  return decision;
}

/** As the governance layer records a decision: which policies and budgets covered the call, and what they decided. */
function record(
  point: TPolicyPoint,
  d: TPolicyDecision,
  subject: string,
  attempt: number,
  at: Date,
  policies: readonly TResolvedPolicy[],
): TPolicyRecord {
  const checked = checkedOf(policies, d.rules);
  const base = {
    point,
    at: at.toISOString(),
    attempt,
    decision: d.decision,
    reason: d.reason,
    rules: d.rules,
    subject,
  };
  return { ...base, checked };
}

async function callOf(
  node: TWorkflowNode,
  step: TStepDraft,
  scope: TScope,
  gov: THistoryGovernance,
): Promise<TCall | null> {
  const isAnswered = step.status === "SUCCEEDED";
  const render = (template: unknown, field: string) =>
    renderTemplate(typeof template === "string" ? template : "", scope, { nodeId: node.id, field });
  if (node.type === "ai.llm") {
    const system = await render(node.config.systemPrompt, "systemPrompt");
    const messages: TChatMessage[] = [
      ...(system.trim() ? [{ role: "system" as const, content: system }] : []),
      { role: "user", content: await render(node.config.prompt, "prompt") },
    ];
    const schema = node.config.outputSchema as TJsonSchema | null | undefined;
    const format = schema ? jsonSchemaResponseFormat(schema, `${node.id}_output`) : undefined;
    const answer = (step.output as { text?: unknown } | null)?.text;
    const params = paramsOf(node.config.temperature, node.config.maxTokens, format);
    return modelCall(step, messages, params, isAnswered && typeof answer === "string" ? answer : null, gov);
  }
  if (node.type === "ai.classifier" && node.config.mode !== "local") {
    const labels = (node.config.labels as { id: string; description?: string }[]).map((l) => ({
      id: l.id,
      description: l.description ?? "",
    }));
    const messages = classificationMessages(labels, await render(node.config.input, "input"));
    const format = jsonSchemaResponseFormat(classificationSchema(labels.map((l) => l.id)), "classification");
    // What the model answered: the label, confidence and reason the step's output keeps.
    const out = step.output as { label?: string; confidence?: number; reason?: string } | null;
    const answer = out ? JSON.stringify({ label: out.label, confidence: out.confidence, reason: out.reason }) : null;
    return modelCall(step, messages, paramsOf(0, 300, format), isAnswered ? answer : null, gov);
  }
  if (node.type === "tool.http") {
    const config = ZHttpConfig.parse(node.config);
    const built = await buildRequest(config, { scope, nodeId: node.id, idempotencyKey: "", auth: NO_AUTH });
    const subject = `HTTP ${built.url.hostname}`;
    const body = (step.output as { body?: unknown } | null)?.body ?? null;
    return {
      pre: {
        payload: { url: redactUrl(built.url), body: built.body ?? null },
        toolCall: { kind: "http", host: built.url.hostname },
        subject,
      },
      post: isAnswered ? { output: body, subject } : null,
    };
  }
  return null;
}

/** The parameters sent with the messages, as the model step passes them. */
function paramsOf(temperature: unknown, maxTokens: unknown, responseFormat: unknown): Record<string, unknown> {
  return {
    ...(typeof temperature === "number" ? { temperature } : {}),
    ...(typeof maxTokens === "number" ? { maxTokens } : {}),
    ...(responseFormat ? { responseFormat } : {}),
  };
}

function modelCall(
  step: TStepDraft,
  messages: TChatMessage[],
  params: Record<string, unknown>,
  answer: string | null,
  gov: THistoryGovernance,
): TCall {
  const first = step.candidates[0] ?? step.model ?? "";
  const ref = (name: string): TModelRef => ({
    name,
    provider: gov.models[name]?.provider ?? step.provider ?? "",
    region: gov.models[name]?.region ?? null,
  });
  const model = ref(first);
  return {
    pre: {
      payload: messages,
      model,
      projected: projectCall(
        messages,
        typeof params.maxTokens === "number" ? params.maxTokens : undefined,
        step.candidates.flatMap((name) => {
          const facts = gov.models[name];
          return facts ? [{ name, prices: facts.prices, maxOutputTokens: facts.maxOutputTokens }] : [];
        }),
      ),
      subject: `${model.provider}/${first}`,
    },
    post:
      answer === null
        ? null
        : {
            output: answer,
            subject: `${step.provider ?? model.provider}/${step.model ?? first}`,
            actual: {
              promptTokens: step.tokensIn,
              completionTokens: step.tokensOut,
              costUsd: (step.costUsd ?? 0).toString(),
            },
          },
    sent: (sent) => sentRequestOf(gov.policies, model, sent, params),
  };
}


