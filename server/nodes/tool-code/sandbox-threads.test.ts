import { afterAll, describe, expect, it } from "vitest";
import { createSandboxPool, getSandboxPool } from "../../sandbox/sandbox-pool";
import { NodeError } from "../node-error";
import { runInSandbox } from "./sandbox";

// Scripts run on a pool of worker threads: a runaway script costs one thread for at most its limit, never the
// event loop of the process that runs every tenant's steps.

const input = { trigger: { body: {} }, nodes: {}, run: { id: "run_1", workflowId: "wf_1", teamId: "team_1" } };
const RUNAWAY = "while (true) {}";

async function failure(promise: Promise<unknown>): Promise<NodeError> {
  const error = await promise.then(
    () => new Error("expected the code to fail"),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(NodeError);
  return error as NodeError;
}

/** Largest delay of a 10 ms timer on this event loop while `work` runs. */
async function maxEventLoopLag<T>(work: Promise<T>): Promise<{ lagMs: number; value: T }> {
  let lagMs = 0;
  let isDone = false;
  const ticking = (async () => {
    while (!isDone) {
      const started = performance.now();
      await new Promise((resolve) => setTimeout(resolve, 10));
      lagMs = Math.max(lagMs, performance.now() - started - 10);
    }
  })();
  const value = await work.finally(() => {
    isDone = true;
  });
  await ticking;
  return { lagMs, value };
}

const pools: { close: () => Promise<void> }[] = [];
afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.close()));
});

describe("runInSandbox on worker threads", () => {
  it("keeps the event loop and other scripts responsive while three runaway scripts run", async () => {
    const limits = { timeoutMs: 2000, memoryLimitMb: 32 };
    await getSandboxPool().warm(); // as in a running worker
    const runaways = [1, 2, 3].map(() => failure(runInSandbox(RUNAWAY, input, limits)));
    const { lagMs, value: latencyMs } = await maxEventLoopLag(
      (async () => {
        await new Promise((resolve) => setTimeout(resolve, 200)); // the runaways are busy by now
        const started = performance.now();
        expect((await runInSandbox("return 2 + 2;", input, limits)).result).toBe(4);
        return performance.now() - started;
      })(),
    );
    // Blocked, the event loop stalled for the runaways' limits (4 s measured) and the unrelated script waited behind
    // them; the margins are for a 2-core machine where three spinning threads and other test files share the CPU.
    expect(lagMs, "the event loop was blocked").toBeLessThan(250);
    expect(latencyMs, "an unrelated script waited for the runaway ones").toBeLessThan(1000);
    const errors = await Promise.all(runaways);
    for (const error of errors) {
      expect(error.message).toBe("The code ran longer than its 2 s limit and was stopped.");
      expect(error).toMatchObject({ code: "CODE_ERROR", isRetryable: false, details: { limit: "time" } });
    }
  });

  it("stops a runaway script at its limit, with the limit in the message, and works again afterwards", async () => {
    const started = performance.now();
    const error = await failure(runInSandbox(RUNAWAY, input, { timeoutMs: 300, memoryLimitMb: 32 }));
    const elapsed = performance.now() - started;
    expect(error.message).toBe("The code ran longer than its 300 ms limit and was stopped.");
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(1300);
    expect((await runInSandbox("return 'again';", input, { timeoutMs: 300, memoryLimitMb: 32 })).result).toBe("again");
  });

  it("kills the thread when a script does not stop by itself, and replaces it", async () => {
    // With QuickJS's own interrupt switched off, only the hard kill (terminating the thread) can stop the script.
    const pool = createSandboxPool({ size: 1, hardKillGraceMs: 200, isSoftLimitEnabled: false });
    pools.push(pool);
    await runInSandbox("return 0;", input, { timeoutMs: 5000, memoryLimitMb: 32, pool });
    const started = performance.now();
    const error = await failure(runInSandbox(RUNAWAY, input, { timeoutMs: 1500, memoryLimitMb: 32, pool }));
    const elapsed = performance.now() - started;
    expect(error.message).toBe("The code ran longer than its 1.5 s limit and was stopped.");
    expect(elapsed).toBeGreaterThanOrEqual(1490);
    expect(elapsed).toBeLessThan(2500);
    expect((await runInSandbox("return input.run.id;", input, { timeoutMs: 1000, memoryLimitMb: 32, pool })).result).toBe("run_1");
  });

  it("stops a running script when the step is cancelled", async () => {
    const pool = createSandboxPool({ size: 1 });
    pools.push(pool);
    await runInSandbox("return 0;", input, { timeoutMs: 5000, memoryLimitMb: 32, pool }); // started: the thread is warm
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = performance.now();
    const error = await failure(runInSandbox(RUNAWAY, input, { timeoutMs: 5000, memoryLimitMb: 32, signal: controller.signal, pool }));
    expect(performance.now() - started).toBeLessThan(1000);
    expect(error).toMatchObject({ code: "CANCELLED", message: "Code was stopped because the step was cancelled." });
    expect((await runInSandbox("return 1;", input, { timeoutMs: 1000, memoryLimitMb: 32, pool })).result).toBe(1);
  });

  it("gives up on a script that waited its whole limit for a free thread, and drops a cancelled one from the queue", async () => {
    const pool = createSandboxPool({ size: 1 });
    pools.push(pool);
    await runInSandbox("return 0;", input, { timeoutMs: 5000, memoryLimitMb: 32, pool });
    const busy = failure(runInSandbox(RUNAWAY, input, { timeoutMs: 1500, memoryLimitMb: 32, pool }));
    const started = performance.now();
    const queued = await failure(runInSandbox("return 1;", input, { timeoutMs: 300, memoryLimitMb: 32, pool }));
    expect(performance.now() - started).toBeLessThan(1000);
    expect(queued).toMatchObject({
      code: "TIMEOUT",
      isRetryable: true,
      message: "The code was not run: none of the 1 code sandbox threads became free within its 300 ms limit.",
    });
    const controller = new AbortController();
    const cancelled = failure(runInSandbox("return 1;", input, { timeoutMs: 1000, memoryLimitMb: 32, signal: controller.signal, pool }));
    controller.abort();
    expect(await cancelled).toMatchObject({ code: "CANCELLED", message: "Code was not run because the step was cancelled." });
    expect((await busy).details).toEqual({ limit: "time" });
  });
});
