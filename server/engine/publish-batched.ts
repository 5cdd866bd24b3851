// Live events of every pass in this process leave in one Redis pipeline per event-loop turn: a worker running a
// hundred runs announces a few thousand step transitions a second, and one write each would cost more than the
// events themselves. Order is kept (one queue, one connection); delivery stays fire-and-forget like publishEvents.
import { publishEvents, type TLiveEvent } from "../events/live-events";
import type { TRedis } from "../redis/client";

type TBatch = { events: TLiveEvent[]; sent: Promise<void> };

const batches = new WeakMap<TRedis, TBatch>();

/** Queues events for the next pipeline; resolves once it was sent (never rejects). */
export function publishBatched(redis: TRedis, events: TLiveEvent[]): Promise<void> {
  if (events.length === 0) return Promise.resolve();
  let batch = batches.get(redis);
  if (!batch) {
    const created: TBatch = {
      events: [],
      sent: new Promise<void>((resolve) => {
        setImmediate(() => {
          batches.delete(redis);
          publishEvents(redis, created.events).catch(() => undefined).finally(resolve);
        });
      }),
    };
    batches.set(redis, created);
    batch = created;
  }
  batch.events.push(...events);
  return batch.sent;
}
