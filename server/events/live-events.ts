import { redisKey } from "../redis/client";

// Live events over Redis pub/sub: every run and step transition, for the UI's server-sent event streams.
// Fire-and-forget by design: the truth is in Postgres, and a UI that missed an event refetches.
export type TRunEvent = {
  type: "run";
  runId: string;
  workflowId: string;
  teamId: string;
  status: string;
  at: string;
  error?: string | null;
  costUsd?: string;
  durationMs?: number | null;
};

export type TStepEvent = {
  type: "step";
  runId: string;
  workflowId: string;
  teamId: string;
  nodeId: string;
  iterationKey: string;
  status: string;
  at: string;
  attempt?: number;
  latencyMs?: number | null;
  costUsd?: string;
  tokensIn?: number;
  tokensOut?: number;
  error?: string | null;
};

export type TLiveEvent = TRunEvent | TStepEvent;

export function runChannel(runId: string): string {
  return redisKey("events", "run", runId);
}

export function allRunsChannel(): string {
  return redisKey("events", "runs");
}

/** Where an event is published, and as what: its run's channel and the firehose, each with the same message. */
export function eventPublications(event: TLiveEvent): [channel: string, message: string][] {
  const message = JSON.stringify(event);
  return [
    [runChannel(event.runId), message],
    [allRunsChannel(), message],
  ];
}
