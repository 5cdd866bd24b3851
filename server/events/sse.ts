// Live events as server-sent events: a dedicated Redis subscriber per stream, each allowed event sent as
// `event: run|step` + `data: <json>`, a `: ping` comment every 15 s so proxies keep the connection open, and
// everything released when the client goes away. Events are hints: a client that missed one refetches.
import type { Redis } from "ioredis";
import { can, type TPrincipal } from "../auth/permissions";
import { AppError } from "../errors";
import { createSubscriber } from "../redis/client";
import { runChannel, type TLiveEvent } from "./live-events";

export const SSE_HEARTBEAT_MS = 15_000;
/** Streams end after this long; the browser reconnects on its own, which re-checks the session and permissions. */
export const SSE_MAX_LIFETIME_MS = 30 * 60_000;
/** Chunks a slow client may leave unread before the stream is closed (it reconnects and refetches). */
const MAX_UNREAD_CHUNKS = 500;
/** How long the browser waits before reconnecting after the stream ends. */
const RETRY_MS = 3000;

export const SSE_HEADERS: Record<string, string> = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache, no-transform",
  connection: "keep-alive",
  // Tells nginx-style proxies not to buffer the stream.
  "x-accel-buffering": "no",
};

export type TLiveStreamOptions = {
  channels: string[];
  /** The authorization filter: only events it accepts reach the client. */
  isAllowed: (event: TLiveEvent) => boolean;
  /** Aborts when the client disconnects (the request's signal). */
  signal: AbortSignal;
  /** Opens the dedicated subscriber connection; the stream owns it and closes it. */
  connect?: () => Redis;
  heartbeatMs?: number;
  maxLifetimeMs?: number;
};

const encoder = new TextEncoder();

export function formatSseEvent(event: string, data: unknown): string {
  // JSON.stringify never emits a raw newline, so the data fits one `data:` line.
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

function parseEvent(message: string): TLiveEvent | null {
  try {
    const value = JSON.parse(message) as Partial<TLiveEvent> | null;
    if (!value || (value.type !== "run" && value.type !== "step")) return null;
    if (typeof value.runId !== "string" || typeof value.teamId !== "string") return null;
    return value as TLiveEvent;
  } catch {
    return null;
  }
}

/**
 * Subscribes first and resolves once the subscription is live, so a client that refetches when the stream opens
 * cannot miss a change made in between. A Redis outage is a 503, never a hanging request.
 */
export async function openLiveEventStream(options: TLiveStreamOptions): Promise<ReadableStream<Uint8Array>> {
  const { channels, isAllowed, signal } = options;
  const subscriber = (options.connect ?? (() => createSubscriber()))();
  try {
    await subscriber.subscribe(...channels);
  } catch {
    subscriber.disconnect();
    throw new AppError(
      "UNAVAILABLE",
      "Live updates are unavailable right now. Reload the page to see the latest state.",
    );
  }

  let release = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let isClosed = false;
      const send = (text: string) => {
        if (isClosed) return;
        if ((controller.desiredSize ?? 0) < -MAX_UNREAD_CHUNKS) return release();
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          release();
        }
      };
      const onMessage = (_channel: string, message: string) => {
        const event = parseEvent(message);
        if (event && isAllowed(event)) send(formatSseEvent(event.type, event));
      };
      const heartbeat = setInterval(() => send(": ping\n\n"), options.heartbeatMs ?? SSE_HEARTBEAT_MS);
      const lifetime = setTimeout(() => release(), options.maxLifetimeMs ?? SSE_MAX_LIFETIME_MS);
      release = () => {
        if (isClosed) return;
        isClosed = true;
        clearInterval(heartbeat);
        clearTimeout(lifetime);
        signal.removeEventListener("abort", release);
        subscriber.off("message", onMessage);
        // Unsubscribe is best effort: disconnecting drops the subscription on the Redis side in any case.
        subscriber.unsubscribe().catch(() => undefined);
        subscriber.disconnect();
        try {
          controller.close();
        } catch {
          // Already closed or errored by the consumer.
        }
      };
      subscriber.on("message", onMessage);
      signal.addEventListener("abort", release, { once: true });
      send(`retry: ${RETRY_MS}\n: connected\n\n`);
      if (signal.aborted) release();
    },
    cancel() {
      release();
    },
  });
  return stream;
}

/** Whether the person may see this event: run:read in the event's team. */
export function canSeeEvent(principal: TPrincipal, event: TLiveEvent): boolean {
  return can(principal, "run:read", { teamId: event.teamId });
}

/** The events of one run, for a person who may read it (checked again per event, by team). */
export function openRunEventStream(options: {
  runId: string;
  principal: TPrincipal;
  signal: AbortSignal;
  connect?: () => Redis;
}): Promise<ReadableStream<Uint8Array>> {
  const { runId, principal } = options;
  return openLiveEventStream({
    channels: [runChannel(runId)],
    isAllowed: (event) => event.runId === runId && canSeeEvent(principal, event),
    signal: options.signal,
    connect: options.connect,
  });
}

export function sseResponse(stream: ReadableStream<Uint8Array>): Response {
  return new Response(stream, { headers: SSE_HEADERS });
}
