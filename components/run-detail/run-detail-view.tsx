"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { QueryClient, QueryClientProvider, useQuery, useQueryClient } from "@tanstack/react-query";
import { Section } from "@/components/shell/page-header";
import { isTerminalRunStatus, type TRevealedRun, type TRunDetail } from "@/server/runs/run-detail.shared";
import { ApprovalCard } from "./approval-card";
import { CancelRunButton } from "./cancel-run-button";
import { EngineStoppedBanner } from "./engine-stopped-banner";
import { JsonViewer } from "./json-viewer";
import { LiveIndicator } from "./live-indicator";
import { PiiMaskingBanner } from "./pii-masking-banner";
import { withRevealed } from "./with-revealed";
import { RunHeader } from "./run-header";
import { fetchRun, runKeys } from "./run-queries";
import { StepTimeline } from "./step-timeline";
import { useRunEvents } from "./use-run-events";

/** How often an active run is refetched while the live stream is down. */
const POLL_MS = 10_000;

/** The run detail page's client part: renders the server's snapshot, then keeps it current from live events. */
export function RunDetailView({ initialRun }: { initialRun: TRunDetail }) {
  const [queryClient] = useState(
    () => new QueryClient({ defaultOptions: { queries: { staleTime: 5_000, retry: 1 } } }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <RunDetail initialRun={initialRun} />
    </QueryClientProvider>
  );
}

function RunDetail({ initialRun }: { initialRun: TRunDetail }) {
  const runId = initialRun.id;
  const queryClient = useQueryClient();
  const isConnectedRef = useRef(false);
  const [revealed, setRevealed] = useState<TRevealedRun | null>(null);
  const { data: latest, error } = useQuery({
    queryKey: runKeys.detail(runId),
    queryFn: () => fetchRun(runId),
    initialData: initialRun,
    refetchInterval: (query) =>
      query.state.data && !isTerminalRunStatus(query.state.data.status) && !isConnectedRef.current ? POLL_MS : false,
  });
  // Values revealed by this person (masking at rest) are laid over the run's latest data until they hide them.
  const run = withRevealed(latest, revealed);
  const isActive = !isTerminalRunStatus(run.status);
  const refetch = useCallback(
    () => void queryClient.invalidateQueries({ queryKey: runKeys.detail(runId) }),
    [queryClient, runId],
  );
  const isConnected = useRunEvents(runId, isActive, refetch);
  useEffect(() => {
    isConnectedRef.current = isConnected;
  }, [isConnected]);

  const pending = run.approvals.filter((a) => a.status === "PENDING");
  const decided = run.approvals.filter((a) => a.status !== "PENDING");
  return (
    <>
      <RunHeader
        run={run}
        live={isActive ? <LiveIndicator isConnected={isConnected} /> : null}
        actions={run.canCancel ? <CancelRunButton runId={run.id} isRequested={Boolean(run.cancelRequestedAt)} /> : null}
      />
      <EngineStoppedBanner run={run} />
      <PiiMaskingBanner run={run} revealed={revealed} onRevealed={setRevealed} />
      {error ? (
        <p
          role="alert"
          className="mb-4 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-800"
        >
          Could not refresh this run: {error.message}
        </p>
      ) : null}
      {pending.length > 0 ? (
        <Section title="Waiting for approval">
          <div className="space-y-3">
            {pending.map((a) => (
              <ApprovalCard key={a.id} runId={run.id} teamName={run.teamName} approval={a} />
            ))}
          </div>
        </Section>
      ) : null}
      <div className="mt-8 grid gap-8 first:mt-0 xl:grid-cols-[minmax(0,1fr)_22rem]">
        <Section
          title="Steps"
          description="In the order the engine reached them, each with its attempts and waits; parallel branches side by side under their Parallel node, loop iterations nested under their loop."
        >
          <StepTimeline
            steps={run.steps}
            runStartedAt={run.startedAt}
            stepCount={run.stepCount}
            isTruncated={run.isStepListTruncated}
          />
        </Section>
        <div className="min-w-0">
          <Section title="Input and result">
            <div className="space-y-2">
              <JsonViewer label="Run input" value={run.input} />
              <JsonViewer label="Run result" value={run.output} isOpen={run.status === "SUCCEEDED"} />
            </div>
          </Section>
          {decided.length > 0 ? (
            <Section title="Approvals">
              <div className="space-y-3">
                {decided.map((a) => (
                  <ApprovalCard key={a.id} runId={run.id} teamName={run.teamName} approval={a} />
                ))}
              </div>
            </Section>
          ) : null}
        </div>
      </div>
    </>
  );
}
