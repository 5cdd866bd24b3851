import { Worker } from "node:worker_threads";
import { z } from "zod";
import { getEnv } from "../config/env";
import { CODE_LIMITS } from "../nodes/tool-code/definition";

// A warm pool of worker threads running QuickJS (quickjs-thread.mjs), so a script never blocks the event loop of
// the process that runs every team's steps. Invariants:
// - one script per thread at a time; jobs wait in FIFO order for a free thread;
// - a queued job waits at most its own time limit, then is refused without running (the caller says so);
// - a running job that overruns its limit by HARD_KILL_GRACE_MS, or whose step is cancelled, gets its thread
//   terminated (the hard kill) and a fresh thread takes its place, so a runaway script costs one thread for at most
//   its limit. Only JSON strings cross the thread boundary.

export const DEFAULT_SANDBOX_THREADS = 4;
/** Time after the limit for QuickJS's own interrupt to report (slower on a loaded machine) before the thread is terminated. */
export const HARD_KILL_GRACE_MS = 1000;
const THREAD_URL = new URL("./quickjs-thread.mjs", import.meta.url);
/** V8 heap of a thread (input and result strings); QuickJS's WebAssembly memory is limited per job, outside it. */
const THREAD_HEAP_MB = 512;
/**
 * Host stack of a thread, about the main thread's: QuickJS's WebAssembly code recurses on it when it walks deeply
 * nested values. With Node's 4 MB default for threads, returning 200,000 nested objects ran into the time limit
 * instead of failing at once as "nested too deeply" (sandbox.test.ts).
 */
const THREAD_STACK_MB = 1;
/** A thread that has not compiled QuickJS by then is considered broken. */
const THREAD_STARTUP_TIMEOUT_MS = 30_000;
/** A new thread prepares a QuickJS module for this memory limit (the Code node's default) before its first job. */
const WARM_MEMORY_LIMIT_MB = CODE_LIMITS.memoryLimitMb.default;

/** `maxResultBytes`: a result whose JSON is larger (UTF-8) is refused in the thread ("too-large"), never sent here. */
export type TSandboxJob = { code: string; inputJson: string; timeoutMs: number; memoryLimitMb: number; maxResultBytes?: number };
export type TSandboxLogLine = { level: "log" | "info" | "warn" | "error" | "debug"; message: string };

const ZLogs = z.array(z.object({ level: z.enum(["log", "info", "warn", "error", "debug"]), message: z.string() }));
const ZThreadMessage = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("ready") }),
  z.object({
    id: z.number(),
    kind: z.literal("ok"),
    resultJson: z.string(),
    logs: ZLogs,
  }),
  z.object({ id: z.number(), kind: z.literal("timeout") }),
  z.object({ id: z.number(), kind: z.literal("too-large"), bytes: z.number(), logs: ZLogs }),
  z.object({
    id: z.number(),
    kind: z.literal("error"),
    code: z.enum(["CODE_ERROR", "INVALID_OUTPUT"]),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
]);
type TThreadReply = Exclude<z.infer<typeof ZThreadMessage>, { kind: "ready" }>;

/** What became of a job; the Code node words each outcome for people. */
export type TSandboxOutcome =
  | { kind: "ok"; resultJson: string; logs: TSandboxLogLine[] }
  | { kind: "error"; code: "CODE_ERROR" | "INVALID_OUTPUT"; message: string; details?: Record<string, unknown> }
  /** The result's JSON is `bytes` long, above the job's maxResultBytes; the result itself stayed in the thread. */
  | { kind: "too-large"; bytes: number; logs: TSandboxLogLine[] }
  /** Stopped at its time limit, by QuickJS's interrupt or by terminating the thread. */
  | { kind: "timeout" }
  /** The step was cancelled; `isStarted` tells whether the script had begun. */
  | { kind: "cancelled"; isStarted: boolean }
  /** No thread became free (busy, or restarting after a kill) within the job's time limit: it never ran. */
  | { kind: "queue-timeout"; threads: number }
  /** The thread died (e.g. out of heap) while running the job. */
  | { kind: "crashed" };

export type TSandboxPoolOptions = {
  size?: number;
  hardKillGraceMs?: number;
  /** Tests only: switch QuickJS's interrupt off, so that only the hard kill can stop a script. */
  isSoftLimitEnabled?: boolean;
};

export type TSandboxPool = {
  run(job: TSandboxJob, signal?: AbortSignal): Promise<TSandboxOutcome>;
  /** Starts every thread and resolves once all are ready (QuickJS compiled), e.g. at worker start. */
  warm(): Promise<void>;
  /** Terminates every thread; running and queued jobs end as cancelled. */
  close(): Promise<void>;
  readonly size: number;
};

type TPending = {
  id: number;
  job: TSandboxJob;
  signal?: AbortSignal;
  settle: (outcome: TSandboxOutcome) => void;
  /** Clears the timers and listeners of the job's current phase (queued, then running). */
  cleanup: () => void;
  isQueueTimerArmed: boolean;
};
type TThread = { worker: Worker; isReady: boolean; current?: TPending };

export function createSandboxPool(options: TSandboxPoolOptions = {}): TSandboxPool {
  const size = Math.max(1, options.size ?? DEFAULT_SANDBOX_THREADS);
  const graceMs = options.hardKillGraceMs ?? HARD_KILL_GRACE_MS;
  const isSoftLimitEnabled = options.isSoftLimitEnabled ?? true;
  const threads = new Set<TThread>();
  const queue: TPending[] = [];
  let nextId = 1;

  const hasReadyThread = () => [...threads].some((t) => t.isReady);
  let onReady: (() => void)[] = [];

  function spawn(): void {
    const worker = new Worker(THREAD_URL, {
      // Not the parent's flags: the thread is plain JavaScript, and inheriting tsx's loader made starting it ~4× slower.
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: THREAD_HEAP_MB, stackSizeMb: THREAD_STACK_MB },
      workerData: { warmMemoryLimitMb: WARM_MEMORY_LIMIT_MB },
    });
    const thread: TThread = { worker, isReady: false };
    worker.unref(); // an idle pool never keeps a process alive; a busy thread is ref'd while it works
    const startup = setTimeout(() => void worker.terminate(), THREAD_STARTUP_TIMEOUT_MS);
    startup.unref();
    worker.on("message", (message: unknown) => {
      const reply = ZThreadMessage.safeParse(message);
      if (!reply.success) return;
      if (reply.data.kind === "ready") {
        clearTimeout(startup);
        thread.isReady = true;
        if ([...threads].every((t) => t.isReady)) for (const resolve of onReady.splice(0)) resolve();
        for (const pending of queue) armQueueTimer(pending);
        dispatch();
        return;
      }
      if (thread.current && reply.data.id === thread.current.id) finish(thread, toOutcome(reply.data));
    });
    const onDeath = () => {
      clearTimeout(startup);
      if (!threads.delete(thread)) return;
      if (thread.current) {
        finish(thread, { kind: "crashed" }, { isDead: true });
      } else if (!thread.isReady && !hasReadyThread()) {
        // The sandbox cannot start at all: fail the waiting jobs instead of restarting threads in a loop.
        for (const pending of queue.splice(0)) {
          pending.cleanup();
          pending.settle({ kind: "crashed" });
        }
      }
      dispatch();
    };
    worker.on("error", onDeath);
    worker.on("exit", onDeath);
    threads.add(thread);
  }

  /** Ends the thread's current job; a thread that may still be running it is terminated and replaced. */
  function finish(thread: TThread, outcome: TSandboxOutcome, { isDead = false, mustKill = false } = {}): void {
    const pending = thread.current;
    if (!pending) return;
    thread.current = undefined;
    pending.cleanup();
    pending.settle(outcome);
    if (mustKill && !isDead) {
      threads.delete(thread);
      void thread.worker.terminate();
    } else if (!isDead) {
      thread.worker.unref();
    }
    dispatch();
  }

  function dispatch(): void {
    if (queue.length === 0) return;
    // Warm: all threads start (and compile QuickJS) together, not one by one when a burst finds the others busy.
    while (threads.size < size) spawn();
    for (const thread of threads) {
      if (queue.length === 0) return;
      if (thread.isReady && !thread.current) start(thread, queue.shift() as TPending);
    }
  }

  function start(thread: TThread, pending: TPending): void {
    pending.cleanup();
    thread.current = pending;
    thread.worker.ref();
    // The thread is warm and idle, so the script starts now: the limit runs from here.
    const hardKill = setTimeout(() => finish(thread, { kind: "timeout" }, { mustKill: true }), pending.job.timeoutMs + graceMs);
    const onAbort = () => finish(thread, { kind: "cancelled", isStarted: true }, { mustKill: true });
    pending.signal?.addEventListener("abort", onAbort, { once: true });
    pending.cleanup = () => {
      clearTimeout(hardKill);
      pending.signal?.removeEventListener("abort", onAbort);
    };
    thread.worker.postMessage({ id: pending.id, ...pending.job, isSoftLimitEnabled });
  }

  function leaveQueue(pending: TPending, outcome: TSandboxOutcome): void {
    const index = queue.indexOf(pending);
    if (index < 0) return;
    queue.splice(index, 1);
    pending.cleanup();
    pending.settle(outcome);
  }

  /** A queued job waits at most its limit for a busy pool; a pool still starting up does not count against it. */
  function armQueueTimer(pending: TPending): void {
    if (pending.isQueueTimerArmed || !hasReadyThread()) return;
    pending.isQueueTimerArmed = true;
    const timer = setTimeout(() => leaveQueue(pending, { kind: "queue-timeout", threads: size }), pending.job.timeoutMs);
    const previous = pending.cleanup;
    pending.cleanup = () => {
      clearTimeout(timer);
      previous();
    };
  }

  function run(job: TSandboxJob, signal?: AbortSignal): Promise<TSandboxOutcome> {
    if (signal?.aborted) return Promise.resolve({ kind: "cancelled", isStarted: false });
    return new Promise<TSandboxOutcome>((settle) => {
      const pending: TPending = { id: nextId++, job, signal, settle, cleanup: () => undefined, isQueueTimerArmed: false };
      const onAbort = () => leaveQueue(pending, { kind: "cancelled", isStarted: false });
      signal?.addEventListener("abort", onAbort, { once: true });
      pending.cleanup = () => signal?.removeEventListener("abort", onAbort);
      queue.push(pending);
      dispatch();
      if (queue.includes(pending)) armQueueTimer(pending);
    });
  }

  function warm(): Promise<void> {
    while (threads.size < size) spawn();
    if ([...threads].every((t) => t.isReady)) return Promise.resolve();
    return new Promise((resolve) => onReady.push(resolve));
  }

  async function close(): Promise<void> {
    for (const resolve of onReady) resolve();
    onReady = [];
    for (const pending of queue.splice(0)) {
      pending.cleanup();
      pending.settle({ kind: "cancelled", isStarted: false });
    }
    const all = [...threads];
    threads.clear();
    for (const thread of all) {
      const pending = thread.current;
      thread.current = undefined;
      pending?.cleanup();
      pending?.settle({ kind: "cancelled", isStarted: true });
    }
    await Promise.all(all.map((thread) => thread.worker.terminate()));
  }

  return { run, warm, close, size };
}

function toOutcome(reply: TThreadReply): TSandboxOutcome {
  switch (reply.kind) {
    case "ok":
      return { kind: "ok", resultJson: reply.resultJson, logs: reply.logs };
    case "timeout":
      return { kind: "timeout" };
    case "too-large":
      return { kind: "too-large", bytes: reply.bytes, logs: reply.logs };
    case "error":
      return { kind: "error", code: reply.code, message: reply.message, details: reply.details };
  }
}

let sharedPool: TSandboxPool | undefined;

/** The process's pool, started on first use with CODE_SANDBOX_THREADS threads. */
export function getSandboxPool(): TSandboxPool {
  sharedPool ??= createSandboxPool({ size: getEnv().CODE_SANDBOX_THREADS });
  return sharedPool;
}
