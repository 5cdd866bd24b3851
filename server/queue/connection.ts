import { Queue, type QueueOptions } from "bullmq";
import type { Redis } from "ioredis";
import { getEnv } from "../config/env";
import { createRedis } from "../redis/client";
import type { TQueueName } from "./definitions";

/** BullMQ keys live under the same prefix as every other Baton key, so instances and tests never collide. */
export function bullPrefix(): string {
  return `${getEnv().REDIS_PREFIX}:bull`;
}

let producerConnection: Redis | undefined;
const queues = new Map<TQueueName, Queue>();

/** A producer-side queue handle, shared per process. */
export function getQueue(name: TQueueName): Queue {
  let queue = queues.get(name);
  if (!queue) {
    producerConnection ??= createRedis({ isForWorker: true });
    const options: QueueOptions = {
      connection: producerConnection,
      prefix: bullPrefix(),
      defaultJobOptions: { removeOnComplete: { count: 1000 }, removeOnFail: { count: 5000 } },
    };
    queue = new Queue(name, options);
    queues.set(name, queue);
  }
  return queue;
}

export async function closeQueues(): Promise<void> {
  await Promise.all([...queues.values()].map((q) => q.close()));
  queues.clear();
  await producerConnection?.quit().catch(() => undefined);
  producerConnection = undefined;
}
