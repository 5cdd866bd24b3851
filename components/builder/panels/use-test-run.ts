"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { isTerminalRunStatus, type TRunDetail, type TRunStep } from "@/server/runs/run-detail.shared";
import { fetchRun } from "@/components/run-detail/run-queries";
import { useRunEvents } from "@/components/run-detail/use-run-events";
import { ApiRequestError } from "@/components/shell/api-client";
import { builderKeys, postRerun, postTestRun } from "./builder-api";
import { mapStepsByNode } from "./map-steps-by-node";

/** A test run is watched closely: while the live stream is down it is refetched this often. */
const POLL_MS = 3_000;

export type TTestRun = {
  /** The run on the canvas (the latest started or re-run), null before the first start. */
  runId: string | null;
  run: TRunDetail | null;
  /** Each node's step in that run (latest attempt; a Loop node gets its Loop step; body nodes their most telling item). */
  stepsByNode: Map<string, TRunStep>;
  /** From the click on Start until the run ends. */
  isRunning: boolean;
  /** Whether live events are flowing (otherwise the run is polled). */
  isLive: boolean;
  isRerunning: boolean;
  /**
   * Starts a test run of the saved draft at `revision` (default: the hook's `revision`); rejects with an
   * ApiRequestError (problems for 400, 409 stale) when refused. Pass the revision a save just returned: after
   * `await save()` the re-render carrying the new revision may not have happened yet.
   */
  start: (input: unknown, revision?: number) => Promise<void>;
  /**
   * Starts a new run from a node of the current (failed or cancelled) run and follows it instead. With `revision`, the
   * saved draft at that revision runs (nodes changed since the failed run run again too), as for `start`.
   */
  rerunFrom: (nodeId: string, revision?: number) => Promise<void>;
  /** Forgets the run (the canvas goes back to editing). */
  clear: () => void;
  /** The last failure to start, re-run or refresh. */
  error: Error | null;
};

/**
 * Starts test runs of the workflow's saved draft and follows the current one live: server-sent events trigger a
 * refetch, with polling while the stream is down. Must render inside BuilderQueryProvider.
 */
export function useTestRun(workflowId: string, revision?: number): TTestRun {
  const queryClient = useQueryClient();
  const [runId, setRunId] = useState<string | null>(null);
  const revisionRef = useRef(revision);
  const isConnectedRef = useRef(false);
  useEffect(() => {
    revisionRef.current = revision;
  }, [revision]);

  const query = useQuery({
    queryKey: builderKeys.run(runId ?? "none"),
    queryFn: () => fetchRun(runId ?? ""),
    enabled: runId !== null,
    refetchInterval: (q) =>
      q.state.data && !isTerminalRunStatus(q.state.data.status) && !isConnectedRef.current ? POLL_MS : false,
  });
  const run = runId !== null ? (query.data ?? null) : null;
  // Until the first answer, a just-started run counts as active so that the live stream opens at once.
  const isActive = runId !== null && (run === null || !isTerminalRunStatus(run.status));
  const refetch = useCallback(() => {
    if (runId) void queryClient.invalidateQueries({ queryKey: builderKeys.run(runId) });
  }, [queryClient, runId]);
  const isConnected = useRunEvents(runId ?? "", isActive, refetch);
  useEffect(() => {
    isConnectedRef.current = isConnected;
  }, [isConnected]);

  const startMutation = useMutation({
    mutationFn: ({ input, revision: at }: { input: unknown; revision: number }) => postTestRun(workflowId, input, at),
    onSuccess: ({ runId: id }) => setRunId(id),
  });
  const rerunMutation = useMutation({
    mutationFn: ({ from, nodeId, revision: at }: { from: string; nodeId: string; revision?: number }) =>
      postRerun(from, nodeId, at),
    onSuccess: ({ runId: id }) => setRunId(id),
  });
  const { mutateAsync: startAsync, reset: resetStart } = startMutation;
  const { mutateAsync: rerunAsync, reset: resetRerun } = rerunMutation;

  const start = useCallback(
    async (input: unknown, at?: number) => {
      resetRerun();
      const draftRevision = at ?? revisionRef.current;
      if (draftRevision === undefined) {
        throw new ApiRequestError(0, "The draft's revision is unknown: save the draft, then start the test run again.");
      }
      await startAsync({ input, revision: draftRevision });
    },
    [startAsync, resetRerun],
  );
  const rerunFrom = useCallback(
    async (nodeId: string, at?: number) => {
      if (!runId) return;
      resetStart();
      await rerunAsync({ from: runId, nodeId, revision: at });
    },
    [runId, rerunAsync, resetStart],
  );
  const clear = useCallback(() => {
    setRunId(null);
    resetStart();
    resetRerun();
  }, [resetStart, resetRerun]);

  const stepsByNode = useMemo(() => mapStepsByNode(run?.steps ?? []), [run]);
  return {
    runId,
    run,
    stepsByNode,
    isRunning: startMutation.isPending || isActive,
    isLive: isConnected,
    isRerunning: rerunMutation.isPending,
    start,
    rerunFrom,
    clear,
    error: startMutation.error ?? rerunMutation.error ?? (runId !== null ? query.error : null),
  };
}
