import { z } from "zod";

// Queue names and the zod schema of every job's payload. Jobs carry ids, never state: the truth is in Postgres.
export const QUEUE = { system: "system", runs: "runs", schedules: "schedules" } as const;
export type TQueueName = (typeof QUEUE)[keyof typeof QUEUE];

export const ZSystemJob = z.discriminatedUnion("kind", [
  /** Recomputes the whole audit hash chain and records the outcome for the Audit page and /healthz. */
  z.object({ kind: z.literal("audit.verify") }),
]);
export type TSystemJob = z.infer<typeof ZSystemJob>;

/** Wakes a run: the worker loads it from Postgres and advances it as far as it can. */
export const ZRunJob = z.object({ runId: z.string().min(1), reason: z.string().max(64).optional() });
export type TRunJob = z.infer<typeof ZRunJob>;

/** Fired by a workflow's schedule trigger (a BullMQ job scheduler per workflow). */
export const ZScheduleJob = z.object({ workflowId: z.string().min(1) });
export type TScheduleJob = z.infer<typeof ZScheduleJob>;

/** Recurring jobs, upserted as BullMQ job schedulers at worker start-up (idempotent across workers). */
export const SYSTEM_SCHEDULES: { id: string; pattern: string; job: TSystemJob }[] = [
  { id: "audit-verify-nightly", pattern: "17 3 * * *", job: { kind: "audit.verify" } },
];
