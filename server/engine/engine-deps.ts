import type { TDb } from "../db/client";
import type { TRedis } from "../redis/client";
import type { TLogger } from "../log";
import type { TServices } from "../nodes/execute-types";
import type { TRunLocks } from "./run-lock";

export type TEngineDeps = {
  db: TDb;
  redis: TRedis;
  log: TLogger;
  services: TServices;
  /** Largest step input/output stored, in bytes. */
  maxValueBytes: number;
  /** Steps of one run that may execute at once (parallel branches, loop items). */
  runConcurrency: number;
  /** Flush buffered progress at least this often while a pass runs. */
  flushEveryMs: number;
  /** Base delay before a failed pass is retried (failed-pass.ts); FAILED_PASS_RETRY_BASE_MS when absent. */
  failedPassRetryMs?: number;
  isEmergencyStopped(): boolean;
  /** This process's run locks (one pass per run; a dead worker's locks are taken over; run-lock.ts). */
  locks: Pick<TRunLocks, "acquire">;
  /** Lets cancellation and emergency stops reach the run's in-flight steps in this process. */
  controls: { register(runId: string, abort: AbortController): void; unregister(runId: string): void };
};
