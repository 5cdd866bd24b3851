// Live events of every pass in this process leave together, once per event-loop turn: a worker running a hundred runs
// announces a few thousand step transitions a second, and a Redis command each (two: the run's channel and the
// firehose, see live-events.ts) would cost more than the events themselves. One script call publishes the whole batch
// on the channels eventPublications names. Order is kept (one queue, one connection); delivery stays
// fire-and-forget.
import { runScript } from "../redis/run-script";
import { eventPublications, type TLiveEvent } from "../events/live-events";
import type { TRedis } from "../redis/client";

const PUBLISH_ALL = `for i = 1, #ARGV, 2 do redis.call('PUBLISH', ARGV[i], ARGV[i + 1]) end
return #ARGV / 2`;
/** Events per script call: keeps one call's time in Redis short. */
const MAX_EVENTS_PER_CALL = 500;

type TBatch = { events: TLiveEvent[]; sent: Promise<void> };

const batches = new WeakMap<TRedis, TBatch>();

/**
 * All calls are issued at once: on one connection Redis runs them in that order, before any later batch's, and a
 * call that fails does not hold back the others.
 */
async function publishAll(redis: TRedis, events: TLiveEvent[]): Promise<void> {
  const calls: Promise<unknown>[] = [];
  for (let from = 0; from < events.length; from += MAX_EVENTS_PER_CALL) {
    const args = events.slice(from, from + MAX_EVENTS_PER_CALL).flatMap((event) => eventPublications(event).flat());
    calls.push(runScript(redis, PUBLISH_ALL, [], args));
  }
  await Promise.allSettled(calls);
}

/** Queues events for the next batch; resolves once it was sent (never rejects). */
export function publishBatched(redis: TRedis, events: TLiveEvent[]): Promise<void> {
  if (events.length === 0) return Promise.resolve();
  let batch = batches.get(redis);
  if (!batch) {
    const created: TBatch = {
      events: [],
      sent: new Promise<void>((resolve) => {
        setImmediate(() => {
          batches.delete(redis);
          void publishAll(redis, created.events).finally(resolve);
        });
      }),
    };
    batches.set(redis, created);
    batch = created;
  }
  batch.events.push(...events);
  return batch.sent;
}
