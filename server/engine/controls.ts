// Cancellations and the emergency stop reach the worker that runs a step through Redis pub/sub; the Redis flag and a
// periodic check cover a missed message.
import { z } from "zod";
import type { TRedis } from "../redis/client";
import { redisKey } from "../redis/client";

export const controlChannel = () => redisKey("engine", "control");
export const emergencyStopKey = () => redisKey("engine", "emergency-stop");

export const ZControlMessage = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("cancel"), runId: z.string() }),
  z.object({ kind: z.literal("emergency-stop") }),
  z.object({ kind: z.literal("resume") }),
]);
export type TControlMessage = z.infer<typeof ZControlMessage>;

export async function publishControl(redis: TRedis, message: TControlMessage): Promise<void> {
  await redis.publish(controlChannel(), JSON.stringify(message));
}

export type TRunControls = {
  register(runId: string, abort: AbortController): void;
  unregister(runId: string): void;
  isEmergencyStopped(): boolean;
  /** Aborts every in-flight pass of this process (shutdown): their runs resume elsewhere with the same attempts. */
  abortAll(reason: string): void;
  close(): Promise<void>;
};

/** One per worker process: `subscriber` must be a dedicated connection (it enters subscriber mode). */
export async function startRunControls(redis: TRedis, subscriber: TRedis): Promise<TRunControls> {
  const active = new Map<string, AbortController>();
  let isStopped = (await redis.exists(emergencyStopKey())) === 1;
  const stopAll = () => {
    isStopped = true;
    for (const abort of active.values()) abort.abort("emergency-stop");
  };
  subscriber.on("message", (channel: string, raw: string) => {
    if (channel !== controlChannel()) return;
    const parsed = ZControlMessage.safeParse(JSON.parse(raw));
    if (!parsed.success) return;
    const m = parsed.data;
    if (m.kind === "cancel") active.get(m.runId)?.abort("cancelled");
    else if (m.kind === "emergency-stop") stopAll();
    else isStopped = false;
  });
  await subscriber.subscribe(controlChannel());
  const poll = setInterval(() => {
    void redis.exists(emergencyStopKey()).then((n) => (n === 1 ? stopAll() : (isStopped = false)), () => undefined);
  }, 5000);
  poll.unref();
  return {
    register: (runId, abort) => {
      active.set(runId, abort);
      if (isStopped) abort.abort("emergency-stop");
    },
    unregister: (runId) => active.delete(runId),
    isEmergencyStopped: () => isStopped,
    abortAll: (reason) => {
      for (const abort of active.values()) abort.abort(reason);
    },
    async close() {
      clearInterval(poll);
      await subscriber.unsubscribe().catch(() => undefined);
    },
  };
}
