// The SQL of a flush (see writer.ts): everything a pass changed goes to Postgres as one JSON argument of
// baton_flush_run (migration engine_flush_functions), which inserts the new steps, updates the changed ones (only the
// fields present), writes the pass's step attempts, inserts approvals, updates the run and appends the audit events,
// in that order, in one statement (migrations engine_flush_functions, then step_attempts_and_sequence).
// Columns added to StepRun or Run that the engine writes must be added to that function too.
import type { TAuditInput } from "../audit/append";
import { auditPayload } from "../audit/append-sql";
import type { TSql } from "../db/sql";
import type { TStepRow } from "./run-state";
import type { TApprovalCreate, TRunWrite, TStepWrite } from "./writer";
import { toStorableJson } from "../shared/storable-json";
import type { TAttemptClose, TAttemptWrite } from "./attempts";
import { insertedSeqs, sortedLocks, usageRowsJson, type TUsageRow } from "../budgets/ledger-sync";

export type TFlush = {
  runId: string;
  teamId: string;
  creates: { row: TStepRow; write: TStepWrite }[];
  updates: [string, TStepWrite][];
  approvals: TApprovalCreate[];
  run: TRunWrite;
  audits: TAuditInput[];
  /** The pass's attempts (attempts.ts), and the attempts of earlier passes it closes; absent when none. */
  attempts?: TAttemptWrite[];
  attemptsClosed?: TAttemptClose[];
  /** The run's flushSeq this pass read or last wrote: the flush fails (SQLSTATE BTN01) if another pass wrote since. */
  fenceSeq?: number;
  /**
   * Budget ledger rows of the pass's model calls (server/budgets/ledger.ts), inserted in the same statement under the
   * advisory locks of the budgets they count towards (`usageLocks`), so each commits with the step that cost it.
   */
  usage?: TUsageRow[];
  usageLocks?: string[];
};

/**
 * JSON.stringify writes NUL as \u0000 and a lone surrogate as \udXXX, both of which jsonb refuses (the whole flush
 * would fail). Values are made storable where they enter the engine (step-runner.ts); this catches any that did not.
 * A false alarm (an escaped backslash followed by such text) only costs a second stringify.
 */
const UNSTORABLE_ESCAPE = /\\u(?:0000|d[89a-f][0-9a-f]{2})/;

/** JSON.stringify drops undefined fields (left unchanged) and writes Dates as ISO strings (read as UTC). */
export function flushPayload(f: TFlush): string {
  const payload = flushObject(f);
  const text = JSON.stringify(payload);
  return UNSTORABLE_ESCAPE.test(text) ? JSON.stringify(toStorableJson(payload).value) : text;
}

function flushObject(f: TFlush) {
  return {
    runId: f.runId,
    teamId: f.teamId,
    inserts: f.creates.map(({ row, write }) => ({
      ...write,
      id: row.id,
      nodeId: row.nodeId,
      nodeType: row.nodeType,
      iterationKey: row.iterationKey,
      seq: row.seq,
    })),
    updates: f.updates.map(([id, write]) => ({ ...write, id })),
    approvals: f.approvals.map((a) => ({ ...a, details: a.details ?? {} })),
    run: f.run,
    audit: auditPayload(f.audits),
    attempts: f.attempts ?? [],
    attemptsClosed: f.attemptsClosed ?? [],
  };
}

/** Writes the flush in one statement; returns the seq of each ledger row it inserted (by reservation id). */
export async function flushRun(sql: TSql, f: TFlush): Promise<Map<string, string>> {
  const isFenced = f.fenceSeq !== undefined;
  const fence = isFenced ? "baton_fence_run($2, $3), " : "";
  const params: unknown[] = isFenced ? [flushPayload(f), f.runId, f.fenceSeq] : [flushPayload(f)];
  const usage = f.usage ?? [];
  if (usage.length === 0) {
    // One statement: the fence's failure undoes the flush whatever the order the two calls run in.
    await sql(`SELECT ${fence}baton_flush_run($1::jsonb)`, params, isFenced ? "engine-flush-run-fenced" : "engine-flush-run");
    return new Map();
  }
  const n = params.length;
  const [row] = await sql<{ usage: unknown }>(
    `SELECT ${fence}baton_flush_run($1::jsonb), baton_record_usage($${n + 1}::jsonb, $${n + 2}::bigint[]) AS usage`,
    [...params, usageRowsJson(usage), sortedLocks(f.usageLocks ?? [])],
    isFenced ? "engine-flush-run-usage-fenced" : "engine-flush-run-usage",
  );
  return insertedSeqs(row?.usage);
}
