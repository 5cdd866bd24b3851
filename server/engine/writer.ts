// The unit of work of a worker pass: step and run changes, approvals, audit events and live events are buffered and
// written in one transaction at a flush; live events and queue wake-ups go out only after the commit.
import { randomUUID } from "node:crypto";
import type { TDb } from "../db/client";
import type { RunStatus, StepStatus } from "../db/generated/enums";
import type { TAuditInput } from "../audit/append";
import { appendAuditBatchSql } from "../audit/append-sql";
import { sqlFor, transaction, type TSql } from "../db/sql";
import { flushRun, type TFlush } from "./writer-sql";
import type { TLiveEvent } from "../events/live-events";
import { publishBatched } from "./publish-batched";
import type { TRedis } from "../redis/client";
import type { TStepRow } from "./run-state";
import type { TAttemptClose, TAttemptWrite } from "./attempts";
import { applySettlement, type TSettlement } from "../budgets/ledger";
import { log } from "../log";

export type TStepWrite = {
  status: StepStatus;
  attempt: number;
  input?: unknown;
  output?: unknown;
  error?: string | null;
  errorCode?: string | null;
  model?: string | null;
  provider?: string | null;
  tokensIn?: number;
  tokensOut?: number;
  costUsd?: string;
  latencyMs?: number | null;
  firedHandles?: string[];
  waitKind?: string | null;
  waitUntil?: Date | null;
  resumePayload?: unknown;
  idempotencyKey?: string | null;
  startedAt?: Date | null;
  finishedAt?: Date | null;
  policyDecisions?: unknown;
  sentRequest?: unknown;
};

export type TRunWrite = Partial<{
  status: RunStatus;
  output: unknown;
  error: string | null;
  errorNodeId: string | null;
  startedAt: Date;
  finishedAt: Date;
  durationMs: number;
  costUsd: string;
  tokensIn: number;
  tokensOut: number;
  /** The run's PII vault, sealed (server/governance/step-governance.ts). */
  piiVault: string;
}>;

export type TApprovalCreate = {
  stepRunId: string;
  title: string;
  details: unknown;
  assigneeRole: "approver" | "admin";
  dueAt: Date | null;
};

export type TPostCommit = () => Promise<void>;

export class RunWriter {
  private creates = new Map<string, { row: TStepRow; write: TStepWrite }>();
  private updates = new Map<string, TStepWrite>();
  private runWrite: TRunWrite = {};
  private approvals: TApprovalCreate[] = [];
  private audits: TAuditInput[] = [];
  private events: TLiveEvent[] = [];
  private postCommit: TPostCommit[] = [];
  private txOps: ((sql: TSql) => Promise<unknown>)[] = [];
  private attempts = new Map<string, TAttemptWrite>();
  private attemptsClosed: TAttemptClose[] = [];
  private settlements: TSettlement[] = [];
  private pendingSince: number | null = null;

  /**
   * `fence`: a pass's writer writes only while its run lock is held, and only over what it read (see run-lock.ts): the
   * lock is checked before every flush and the run's flushSeq in the same statement as the write.
   */
  constructor(
    private readonly runId: string,
    private readonly teamId: string,
    private readonly fence?: { seq: number; lock?: { assertHeld(): Promise<void> } },
  ) {}

  static newStepId(): string {
    return `st_${randomUUID().replaceAll("-", "")}`;
  }

  /** Records a step change; rows not yet in Postgres are inserted at the flush, the others updated. */
  step(row: TStepRow, write: TStepWrite): void {
    this.touch();
    // Later fields win; the buffered objects are the writer's own, so they are merged in place.
    if (row.isPersisted) {
      const pending = this.updates.get(row.id);
      if (pending) Object.assign(pending, write);
      else this.updates.set(row.id, { ...write });
    } else {
      const pending = this.creates.get(row.id);
      if (pending) Object.assign(pending.write, write);
      else this.creates.set(row.id, { row, write: { ...write } });
    }
  }

  /** Records an attempt as it is now (attempts.ts); written whole at the flush, a later record of it wins. */
  attempt(write: TAttemptWrite): void {
    this.touch();
    this.attempts.set(write.id, write);
  }

  /**
   * Forgets an attempt recorded since the last flush, so it is not written; false when it is not pending (a flush
   * wrote it already, so its end must be written too).
   */
  dropAttempt(id: string): boolean {
    return this.attempts.delete(id);
  }

  /** Closes a step's attempts left open by an earlier pass (written before this pass's own attempts). */
  closeOpenAttempts(close: TAttemptClose): void {
    this.touch();
    this.attemptsClosed.push(close);
  }

  run(write: TRunWrite): void {
    this.touch();
    this.runWrite = { ...this.runWrite, ...write };
  }

  approval(create: TApprovalCreate): void {
    this.touch();
    this.approvals.push(create);
  }

  /** Every event of a run goes to the run's audit chain. */
  audit(input: TAuditInput): void {
    this.audits.push({ chainKey: this.runId, ...input });
  }

  event(event: TLiveEvent): void {
    this.events.push(event);
  }

  /**
   * A model call's cost (server/budgets/ledger.ts): its ledger row is written in this flush, with the step that cost
   * it; its reservation is swapped for the cost in Redis after the commit.
   */
  settlement(s: TSettlement): void {
    this.touch();
    this.settlements.push(s);
  }

  /** Extra writes that must commit with this flush (e.g. cancelling a run's open approvals). */
  inTransaction(fn: (sql: TSql) => Promise<unknown>): void {
    this.touch();
    this.txOps.push(fn);
  }

  after(fn: TPostCommit): void {
    this.postCommit.push(fn);
  }

  /** Steps with changes not yet written, and the status each is to be written with (a failed pass reads them). */
  unflushedSteps(): { id: string; status: StepStatus }[] {
    const out = [...this.creates.values()].map(({ row, write }) => ({ id: row.id, status: write.status }));
    for (const [id, write] of this.updates) out.push({ id, status: write.status });
    return out;
  }

  get hasChanges(): boolean {
    return this.pendingSince !== null || this.audits.length > 0 || this.settlements.length > 0;
  }

  get pendingForMs(): number {
    return this.pendingSince === null ? 0 : Date.now() - this.pendingSince;
  }

  private touch(): void {
    this.pendingSince ??= Date.now();
  }

  async flush(db: TDb, redis: TRedis): Promise<void> {
    await this.fence?.lock?.assertHeld();
    let seqs = new Map<string, string>();
    // Taken now: a step still in flight may hand over its settlement while this flush is being written.
    const settlements = this.settlements;
    this.settlements = [];
    if (this.hasChanges || settlements.length > 0) {
      const creates = [...this.creates.values()];
      const f: TFlush = {
        runId: this.runId,
        teamId: this.teamId,
        creates,
        updates: [...this.updates.entries()],
        approvals: this.approvals,
        run: this.runWrite,
        audits: this.audits,
        attempts: [...this.attempts.values()],
        attemptsClosed: this.attemptsClosed,
        fenceSeq: this.fence?.seq,
        usage: settlements.map((s) => s.row),
        usageLocks: settlements.flatMap((s) => s.locks),
      };
      const { txOps } = this;
      // One statement is its own transaction: the usual flush is a single round trip. Extra writes (cancellations,
      // a parent's wake-up) need an explicit transaction; they run after the steps and approvals (cancelling a run's
      // open approvals must see one made in this very pass) and before the audit, whose chain lock is taken last.
      if (txOps.length === 0) seqs = await flushRun(sqlFor(db), f);
      else {
        seqs = await transaction(db, async (sql) => {
          const inserted = await flushRun(sql, { ...f, audits: [] });
          for (const op of txOps) await op(sql);
          await appendAuditBatchSql(sql, f.audits);
          return inserted;
        });
      }
      if (this.fence) this.fence.seq += 1;
      for (const { row } of creates) row.isPersisted = true;
    }
    const events = this.events;
    const postCommit = this.postCommit;
    this.reset();
    await Promise.all([publishBatched(redis, events), ...settlements.map((s) => settleInRedis(redis, s, seqs.get(s.row.reservationId) ?? null))]);
    for (const fn of postCommit) await fn();
  }

  private reset(): void {
    this.creates = new Map();
    this.updates = new Map();
    this.runWrite = {};
    this.approvals = [];
    this.audits = [];
    this.events = [];
    this.postCommit = [];
    this.txOps = [];
    this.attempts = new Map();
    this.attemptsClosed = [];
    this.pendingSince = null;
  }
}

/**
 * The Redis half of a settlement whose row committed. If it fails, Redis's running total lacks the cost until the
 * period's total is next initialised from Postgres (the row is there), and the reservation expires by itself.
 */
async function settleInRedis(redis: TRedis, s: TSettlement, seq: string | null): Promise<void> {
  try {
    await applySettlement(redis, s, seq);
  } catch (error) {
    log.error({ err: error, reservationId: s.reservationId }, "a model call's cost is in the budget ledger but Redis's running total could not be updated");
  }
}
