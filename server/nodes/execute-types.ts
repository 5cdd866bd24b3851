// Server-only contract of a node executor. The engine resolves nothing on the executor's behalf beyond the parsed
// config: executors evaluate their own expressions against `scope` (some evaluate per item).
import type { TDb } from "../db/client";
import type { TRedis } from "../redis/client";
import type { TLogger } from "../log";
import type { Governance } from "../governance/governance";
import type { TGovernanceDeps } from "../governance/types";
import type { TPiiVault } from "../policy/pii/redact";

/** What expressions can see: `trigger.body.amount`, `nodes.score.output.risk`, `item` inside loops. */
export type TScope = {
  trigger: Record<string, unknown>;
  nodes: Record<string, { output: unknown }>;
  run: { id: string; workflowId: string; teamId: string };
  item?: unknown;
  index?: number;
};

export type TUsage = {
  model: string;
  provider: string;
  tokensIn: number;
  tokensOut: number;
  /** Decimal string in USD. */
  costUsd: string;
  latencyMs: number;
  /**
   * Who counted the tokens: the provider's own usage fields, or Baton's tokenizer when the provider reported none (an
   * estimate for vendors whose tokenizer is not public). Absent on usage recorded before this was kept.
   */
  tokensCountedBy?: "provider" | "tokenizer";
};

export type TWaitRequest =
  | { kind: "delay"; until: Date }
  | { kind: "approval"; title: string; details: Record<string, unknown>; assigneeRole: "approver" | "admin"; dueAt: Date | null }
  | { kind: "subworkflow"; childRunId: string };

export type TExecuteResult =
  /** Finished: `handles` are the output ports that fire (default: every output port). */
  | { kind: "done"; output: unknown; handles?: string[]; usage?: TUsage }
  /** Parks the step (and the run, if nothing else can proceed) until a decision, a timer or a child run. */
  | { kind: "wait"; wait: TWaitRequest; output?: unknown };

export type TExecuteContext<TConfig> = {
  config: TConfig;
  scope: TScope;
  runId: string;
  stepRunId: string;
  nodeId: string;
  iterationKey: string;
  attempt: number;
  /** `runId:nodeId:iteration:attempt`: stable across a crash-resume of the same attempt. */
  idempotencyKey: string;
  /** Aborted on timeout and on cancellation of the run. */
  signal: AbortSignal;
  /**
   * The node retries failed attempts itself (its retry settings allow more than one attempt): calls made inside an
   * attempt then do not retry on their own, so a failure is retried by one layer only (the engine's).
   */
  hasStepRetries?: boolean;
  /** Outputs arriving over this node's active incoming edges (joins merge them). */
  inputs: { nodeId: string; handle: string; output: unknown }[];
  /** When the step is resumed after a wait: what ended the wait (approval decision, child output…). */
  resume?: { kind: TWaitRequest["kind"]; payload: unknown };
  services: TServices;
  /** Policies around the step's model and tool calls: every call that leaves Baton goes through it. */
  governance: Governance;
};

export type TServices = {
  db: TDb;
  redis: TRedis;
  log: TLogger;
  engine: TEngineServices;
  governance: TGovernanceDeps;
};

/** What executors may ask of the engine itself. */
export type TEngineServices = {
  /** Starts (or finds, when this step already started it) a run of another published workflow as a child of this step. */
  startChildRun(args: { workflowId: string; input: unknown; parentRunId: string; parentStepRunId: string; vault?: TPiiVault }): Promise<string>;
  /** The sealed PII vault of a child run (null when it has none): what its placeholders stand for. */
  childVault?(childRunId: string): Promise<string | null>;
};

export type TExecutor<TConfig> = (ctx: TExecuteContext<TConfig>) => Promise<TExecuteResult>;
