"use client";

import { useEffect, useRef, useState } from "react";

/** Refetches are batched: the first event of a burst schedules one, the rest of the burst rides along. */
const BATCH_MS = 300;

/**
 * Subscribes to the run's server-sent events while `isEnabled`, and calls `onChange` (batched) on every event and
 * on every (re)connection, since events sent while disconnected are lost. Returns whether the stream is open.
 */
export function useRunEvents(runId: string, isEnabled: boolean, onChange: () => void): boolean {
  const [isConnected, setIsConnected] = useState(false);
  const onChangeRef = useRef(onChange);
  useEffect(() => {
    onChangeRef.current = onChange;
  }, [onChange]);

  useEffect(() => {
    if (!isEnabled) return;
    const source = new EventSource(`/api/runs/${encodeURIComponent(runId)}/events`);
    let timer: ReturnType<typeof setTimeout> | null = null;
    const schedule = () => {
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        onChangeRef.current();
      }, BATCH_MS);
    };
    source.onopen = () => {
      setIsConnected(true);
      schedule();
    };
    // The browser reconnects by itself after a network error; a refused stream (404, 503) stays closed.
    source.onerror = () => setIsConnected(false);
    source.addEventListener("run", schedule);
    source.addEventListener("step", schedule);
    return () => {
      if (timer) clearTimeout(timer);
      source.close();
      setIsConnected(false);
    };
  }, [runId, isEnabled]);

  return isEnabled && isConnected;
}
