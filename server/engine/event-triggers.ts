// Event triggers: a run of workflow A ending (succeeded / failed / either) starts every published workflow whose
// Event trigger listens to A; an app event (POST /api/events/:name) starts the team's workflows listening to that name.
import type { z } from "zod";
import type { TDb } from "../db/client";
import type { TRedis } from "../redis/client";
import type { TActor } from "../audit/append";
import type { ZEventTriggerConfig } from "../nodes/trigger-event/definition";
import { getCompiledVersion } from "./compile-version";
import { startRun } from "./start-run";
import { appEventInput, runFinishedInput } from "./trigger-input";

type TSource = z.infer<typeof ZEventTriggerConfig>["source"];
type TListener = { workflowId: string; teamId: string; source: TSource };

/** Chains of event-triggered runs stop here, so A → B → A cannot loop forever. */
export const MAX_EVENT_DEPTH = 5;
const CACHE_MS = 5000;
let cache: { at: number; listeners: Promise<TListener[]> } | null = null;

/** Cached for CACHE_MS; one read at a time (every run that ends asks, and they end by the hundred per second). */
export function eventListeners(db: TDb): Promise<TListener[]> {
  if (cache && Date.now() - cache.at < CACHE_MS) return cache.listeners;
  const entry = { at: Date.now(), listeners: readListeners(db) };
  cache = entry;
  // A failed read must not be served from the cache.
  entry.listeners.catch(() => cache === entry && (cache = null));
  return entry.listeners;
}

async function readListeners(db: TDb): Promise<TListener[]> {
  const rows = await db.workflow.findMany({
    // An archived team's workflows start no runs, so they do not listen (and one refusal cannot stop the others').
    where: { status: "published", publishedVersionId: { not: null }, team: { archivedAt: null } },
    select: { id: true, teamId: true, publishedVersion: { select: { id: true, graph: true } } },
  });
  const listeners: TListener[] = [];
  for (const row of rows) {
    try {
      const version = getCompiledVersion(row.publishedVersion!.id, row.publishedVersion!.graph);
      const trigger = version.index.triggerId ? version.nodes.get(version.index.triggerId) : undefined;
      if (trigger?.node.type === "trigger.event") {
        listeners.push({ workflowId: row.id, teamId: row.teamId, source: (trigger.config as z.infer<typeof ZEventTriggerConfig>).source });
      }
    } catch {
      // A version the engine cannot read starts nothing; its own runs report why.
    }
  }
  return listeners;
}

export function clearEventListenerCache(): void {
  cache = null;
}

export async function emitRunFinished(
  deps: { db: TDb; redis: TRedis },
  run: { id: string; workflowId: string; teamId: string; input: unknown },
  outcome: { status: string; output: unknown; error: string | null },
): Promise<string[]> {
  const envelope = run.input as { eventDepth?: number; isTest?: boolean } | null;
  // A test run from the builder must not set real workflows going.
  if (envelope?.isTest === true) return [];
  const depth = Number(envelope?.eventDepth ?? 0);
  if (depth >= MAX_EVENT_DEPTH) return [];
  const on = outcome.status === "SUCCEEDED" ? "succeeded" : outcome.status === "FAILED" ? "failed" : null;
  const listeners = (await eventListeners(deps.db)).filter(
    (l) => l.source.kind === "workflow" && l.source.workflowId === run.workflowId && l.teamId === run.teamId && (l.source.on === "finished" || l.source.on === on),
  );
  const started: string[] = [];
  for (const l of listeners) {
    const { runId } = await startRun(deps, {
      workflowId: l.workflowId,
      input: runFinishedInput(run, outcome, depth + 1),
      triggerType: "event",
      actor: { type: "worker", label: "event-trigger" },
    });
    started.push(runId);
  }
  return started;
}

/** An app event for a team: starts the team's published workflows listening to `name`. */
export async function publishAppEvent(deps: { db: TDb; redis: TRedis }, actor: TActor, teamIds: string[], name: string, payload: unknown) {
  const listeners = (await eventListeners(deps.db)).filter((l) => l.source.kind === "app" && l.source.eventName === name && teamIds.includes(l.teamId));
  const started: string[] = [];
  for (const l of listeners) {
    const { runId } = await startRun(deps, { workflowId: l.workflowId, input: appEventInput(name, payload), triggerType: "event", actor });
    started.push(runId);
  }
  return started;
}
