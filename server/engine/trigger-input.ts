// A run's input as each trigger builds it around its payload: `trigger` in expressions, with the payload always under
// `body`. One builder per trigger, used by the triggers themselves and by the seed's generated history.

export function manualInput(body: unknown) {
  return { body: body ?? {} };
}

export function webhookInput(body: unknown, headers: Record<string, string>, query: Record<string, string>, receivedAt: Date) {
  return { body, headers, query, receivedAt: receivedAt.toISOString() };
}

export function scheduleInput(body: unknown, firedAt: Date, cron: unknown, timezone: unknown) {
  return { body: body ?? {}, firedAt: firedAt.toISOString(), cron, timezone };
}

/** An app event by name. */
export function appEventInput(name: string, payload: unknown) {
  return { body: payload ?? {}, event: name };
}

/** Another workflow's run finished; `eventDepth` bounds chains of workflows triggering each other. */
export function runFinishedInput(run: { id: string; workflowId: string }, outcome: Record<string, unknown>, eventDepth: number) {
  return { body: { event: "run.finished", runId: run.id, workflowId: run.workflowId, ...outcome }, eventDepth };
}
