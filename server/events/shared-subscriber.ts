// One Redis subscriber connection per process, shared by everything in it that waits for messages on a channel (today:
// requests waiting for a run's end, wait-for-run.ts). Redis holds each channel's subscription once, however many
// listeners it has here: the first listener subscribes, the last one to leave unsubscribes. The connection is opened on
// first use and kept; ioredis reconnects on its own and subscribes again to the channels it had.
import type { Redis } from "ioredis";
import { createSubscriber } from "../redis/client";

/**
 * Called with each message on the channel, or with null after the connection came back from an outage: messages
 * published meanwhile may have been lost, so the listener should look again at whatever it waits for.
 */
export type TChannelListener = (message: string | null) => void;

export type TSharedSubscriber = {
  /**
   * Resolves once Redis has confirmed the channel's subscription (at once if it already had it), so anything
   * published from then on reaches the listener. Returns the function that removes it. Rejects when Redis cannot be
   * reached (the listener is then not registered).
   */
  listen(channel: string, listener: TChannelListener): Promise<() => void>;
  /** Channels with at least one listener (for tests and diagnostics). */
  channelCount(): number;
  close(): void;
};

type TEntry = { listeners: Set<TChannelListener>; subscribed: Promise<unknown> };

export function createSharedSubscriber(connect: () => Redis = () => createSubscriber()): TSharedSubscriber {
  let connection: Redis | null = null;
  const channels = new Map<string, TEntry>();

  const notify = (channel: string, message: string | null) => {
    for (const listener of channels.get(channel)?.listeners ?? []) listener(message);
  };

  function subscriber(): Redis {
    if (connection) return connection;
    const redis = connect();
    let hasBeenReady = false;
    redis.on("message", (channel: string, message: string) => notify(channel, message));
    redis.on("ready", () => {
      if (!hasBeenReady) {
        hasBeenReady = true;
        return;
      }
      // Reconnected. Subscribe to every channel (again: ioredis does too, a repeated SUBSCRIBE is harmless) and tell
      // the listeners once Redis confirmed it, so that whatever they look at next cannot miss a later message.
      const names = [...channels.keys()];
      if (names.length === 0) return;
      redis.subscribe(...names).then(
        () => names.forEach((name) => notify(name, null)),
        () => undefined,
      );
    });
    connection = redis;
    return redis;
  }

  return {
    async listen(channel, listener) {
      let entry = channels.get(channel);
      if (!entry) {
        entry = { listeners: new Set(), subscribed: subscriber().subscribe(channel) };
        channels.set(channel, entry);
      }
      const current = entry;
      current.listeners.add(listener);
      try {
        await current.subscribed;
      } catch (error) {
        current.listeners.delete(listener);
        // The next listener of this channel tries again.
        if (channels.get(channel) === current) channels.delete(channel);
        throw error;
      }
      let isRemoved = false;
      return () => {
        if (isRemoved) return;
        isRemoved = true;
        current.listeners.delete(listener);
        if (current.listeners.size > 0 || channels.get(channel) !== current) return;
        channels.delete(channel);
        // Commands on one connection run in order: a later listen's SUBSCRIBE comes after this UNSUBSCRIBE.
        connection?.unsubscribe(channel).catch(() => undefined);
      };
    },
    channelCount: () => channels.size,
    close() {
      channels.clear();
      connection?.disconnect();
      connection = null;
    },
  };
}

const globalForSubscriber = globalThis as unknown as { batonSharedSubscriber?: TSharedSubscriber };

/** This process's shared subscriber (kept on globalThis, like getRedis, so a reloaded module in development reuses it). */
export function getSharedSubscriber(): TSharedSubscriber {
  globalForSubscriber.batonSharedSubscriber ??= createSharedSubscriber();
  return globalForSubscriber.batonSharedSubscriber;
}
