// Test-only: a step context for calling AI executors directly, against a real (cloned) database and real Redis.
import type { TDb } from "../../db/client";
import { log } from "../../log";
import type { TRedis } from "../../redis/client";
import type { TExecuteContext, TScope } from "../execute-types";
import { governanceDeps } from "../../governance/default-deps";
import { standaloneGovernance } from "../../governance/step-governance";

export type TStepContextOptions = {
  /** Left out for local nodes: any use then throws, which also proves the node stays local. */
  db?: TDb;
  redis?: TRedis;
  teamId: string;
  nodes?: TScope["nodes"];
  trigger?: TScope["trigger"];
  nodeId?: string;
  nodeType?: string;
  attempt?: number;
  signal?: AbortSignal;
  /** The node retries attempts itself (settings.retry.maxAttempts > 1). */
  hasStepRetries?: boolean;
};

function unavailable<T extends object>(what: string): T {
  return new Proxy({} as T, {
    get() {
      throw new Error(`This test gave the node no access to ${what}`);
    },
  });
}

export function stepContext<TConfig>(config: TConfig, o: TStepContextOptions): TExecuteContext<TConfig> {
  const nodeId = o.nodeId ?? "node_1";
  const attempt = o.attempt ?? 1;
  const runId = `run_${Math.random().toString(36).slice(2, 10)}`;
  const db = o.db ?? unavailable<TDb>("the database");
  const redis = o.redis ?? unavailable<TRedis>("Redis");
  const governance = governanceDeps({ db, redis });
  const scope = { trigger: o.trigger ?? {}, nodes: o.nodes ?? {}, run: { id: runId, workflowId: "wf_test", teamId: o.teamId } };
  return {
    config,
    scope,
    runId,
    stepRunId: `step_${nodeId}`,
    nodeId,
    iterationKey: "",
    attempt,
    idempotencyKey: `${runId}:${nodeId}::${attempt}`,
    signal: o.signal ?? new AbortController().signal,
    ...(o.hasStepRetries ? { hasStepRetries: true } : {}),
    inputs: [],
    governance: standaloneGovernance(governance, {
      teamId: o.teamId, workflowId: "wf_test", runId, stepRunId: `step_${nodeId}`, nodeId, nodeType: o.nodeType ?? "ai.llm", attempt,
      idempotencyKey: `${runId}:${nodeId}::${attempt}`, scope,
    }),
    services: {
      db,
      redis,
      governance,
      log,
      // AI nodes never start child runs.
      engine: { startChildRun: () => Promise.reject(new Error("startChildRun is not available to AI nodes")) },
    },
  };
}
