"use client";

import { useMemo } from "react";
import { useQuery } from "@tanstack/react-query";
import { Info } from "lucide-react";
import type { TWorkflowGraph } from "@/server/workflows/graph.shared";
import { builderKeys, fetchCostEstimate } from "./builder-api";
import { summarizeCost } from "./format-cost";
import { Alert, LoadError, Spinner } from "./panel-ui";

type TProps = { workflowId: string; graph: TWorkflowGraph };

/** The expected model cost of one run of this graph, node by node, with what the estimate cannot know. */
export function CostEstimateView({ workflowId, graph }: TProps) {
  const graphKey = useMemo(() => JSON.stringify(graph), [graph]);
  const query = useQuery({
    queryKey: builderKeys.costEstimate(workflowId, graphKey),
    queryFn: () => fetchCostEstimate(workflowId, graph),
    staleTime: 60_000,
  });

  if (query.isPending) return <Spinner label="Estimating the cost of one run…" />;
  if (query.isError) {
    return (
      <LoadError
        title="The cost could not be estimated"
        message={`${query.error.message} You can still publish.`}
        onRetry={() => void query.refetch()}
      />
    );
  }

  const summary = summarizeCost(query.data);
  return (
    <div>
      <p className="flex flex-wrap items-baseline gap-x-2">
        <span className="text-2xl font-semibold tabular-nums text-slate-900">≈ {summary.total}</span>
        <span className="text-sm text-slate-600">per run</span>
        {summary.perThousandRuns ? (
          <span className="text-sm text-slate-500 tabular-nums">· {summary.perThousandRuns}</span>
        ) : null}
      </p>
      {summary.hasModelCalls ? (
        <div className="mt-3 overflow-x-auto rounded-md border border-slate-200">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Estimated cost per model node</caption>
            <thead className="bg-slate-50 text-xs font-medium text-slate-500">
              <tr>
                <th scope="col" className="px-3 py-2">Node</th>
                <th scope="col" className="px-3 py-2">Model</th>
                <th scope="col" className="px-3 py-2">Tokens</th>
                <th scope="col" className="px-3 py-2 text-right">Cost</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {summary.rows.map((row) => (
                <tr key={row.nodeId} className="align-top">
                  <td className="px-3 py-2">
                    <p className="font-medium text-slate-900">{row.label}</p>
                    <p className="mt-0.5 text-xs text-slate-500">{row.basis}</p>
                  </td>
                  <td className="px-3 py-2 font-mono text-xs whitespace-nowrap text-slate-700">{row.model}</td>
                  <td className="px-3 py-2 text-xs whitespace-nowrap text-slate-600 tabular-nums">{row.tokens}</td>
                  <td className="px-3 py-2 text-right whitespace-nowrap tabular-nums">{row.cost}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="mt-1 text-sm text-slate-600">No node calls a model, so runs cost nothing in model fees.</p>
      )}
      {summary.caveats.length > 0 ? (
        <div className="mt-3">
          <Alert tone="slate" isLive={false} icon={<Info aria-hidden="true" className="mt-0.5 h-4 w-4 shrink-0 text-slate-500" />}>
            <p className="font-medium">What the estimate cannot know</p>
            <ul className="mt-1 list-disc space-y-0.5 pl-5">
              {summary.caveats.map((caveat) => (
                <li key={caveat}>{caveat}</li>
              ))}
            </ul>
          </Alert>
        </div>
      ) : null}
    </div>
  );
}
