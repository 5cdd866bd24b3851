"use client";

import { memo, useMemo } from "react";
import { Handle, Position, type NodeProps } from "@xyflow/react";
import { AlertTriangle, CheckCircle2, Clock, Loader2, PauseCircle, SkipForward, XCircle } from "lucide-react";
import { NodeIcon } from "@/components/run-detail/node-icon";
import type { TPortDef } from "@/server/nodes/types";
import type { TFlowNode } from "../graph/flow-model";
import { findDefinition } from "@/server/nodes/registry.shared";
import { portsOf } from "../graph/node-ports";
import { useNodeDecoration, type TNodeRunStatus } from "./node-decorations";
import { formatDuration, formatMoney } from "@/components/format";

const STATUS_STYLES: Record<TNodeRunStatus, { ring: string; label: string; Icon: typeof Clock; tone: string }> = {
  queued: { ring: "ring-slate-300", label: "Queued", Icon: Clock, tone: "text-slate-500" },
  running: { ring: "ring-blue-400", label: "Running", Icon: Loader2, tone: "text-blue-600" },
  succeeded: { ring: "ring-emerald-500", label: "Succeeded", Icon: CheckCircle2, tone: "text-emerald-600" },
  failed: { ring: "ring-red-500", label: "Failed", Icon: XCircle, tone: "text-red-600" },
  waiting: { ring: "ring-amber-400", label: "Waiting", Icon: PauseCircle, tone: "text-amber-600" },
  skipped: { ring: "ring-slate-200", label: "Skipped", Icon: SkipForward, tone: "text-slate-400" },
  cancelled: { ring: "ring-slate-300", label: "Cancelled", Icon: XCircle, tone: "text-slate-500" },
};

function summarize(type: string, config: Record<string, unknown>): string {
  const definition = findDefinition(type);
  if (!definition) return `Unknown node type ${type}`;
  const parsed = definition.configSchema.safeParse(config);
  if (!parsed.success) return "Needs setting up";
  try {
    return definition.summary(parsed.data);
  } catch {
    return definition.label;
  }
}

/** A workflow node on the canvas: icon, label, one-line summary, ports, problems and test-run status. */
function WorkflowNodeView({ id, data, selected }: NodeProps<TFlowNode>) {
  const deco = useNodeDecoration(id);
  const definition = findDefinition(data.type);
  const ports = useMemo(() => portsOf(data), [data]);
  const summary = useMemo(() => summarize(data.type, data.config), [data.type, data.config]);
  const status = deco.status ? STATUS_STYLES[deco.status] : null;
  const hasProblems = deco.problems.length > 0;
  const title = data.label || definition?.label || data.type;
  const ring = selected ? "ring-2 ring-brand-500" : status ? `ring-2 ${status.ring}` : hasProblems ? "ring-1 ring-red-300" : "ring-1 ring-slate-200";
  return (
    <div
      data-testid={`node-${id}`}
      data-status={deco.status ?? undefined}
      data-problems={deco.problems.length}
      className={`w-60 rounded-lg bg-white shadow-sm ${ring} ${deco.status === "skipped" ? "opacity-60" : ""}`}
    >
      {ports.inputs.map((port, i) => (
        <Handle
          key={port.id}
          id={port.id}
          type="target"
          position={Position.Left}
          style={{ top: ports.inputs.length === 1 ? 28 : 18 + i * 20 }}
          className="!h-3 !w-3 !border-2 !border-white !bg-slate-400"
          data-testid={`handle-${id}-in-${port.id}`}
          aria-label={`${title}: input ${port.label}`}
          title={port.label}
        />
      ))}
      <div className="flex items-start gap-2 px-3 pt-2.5 group-data-[zoom=out]/canvas:invisible">
        <NodeIcon type={data.type} />
        <div className="min-w-0 flex-1">
          <div className="flex items-center gap-1">
            <span className="truncate text-sm font-medium text-slate-900">{title}</span>
            {hasProblems ? (
              <span
                data-testid={`node-${id}-problems`}
                title={deco.problems.join("\n")}
                className="ml-auto inline-flex shrink-0 items-center gap-0.5 rounded bg-red-50 px-1 text-[11px] font-medium text-red-700"
              >
                <AlertTriangle aria-hidden="true" className="h-3 w-3" />
                {deco.problems.length}
                <span className="sr-only"> problems: {deco.problems.join(" ")}</span>
              </span>
            ) : null}
          </div>
          <p className="truncate text-xs text-slate-500" title={summary}>
            {summary}
          </p>
        </div>
      </div>
      <div className="mt-1.5 flex min-h-6 items-center gap-2 whitespace-nowrap border-t border-slate-100 px-3 py-1 text-[11px] text-slate-500 group-data-[zoom=out]/canvas:invisible">
        {/* During a test run the footer holds the step's figures; the id stays in the panel and the tooltip. */}
        {status ? null : <span className="truncate font-mono text-slate-400">{id}</span>}
        {status ? (
          <span data-testid={`node-${id}-status`} className={`ml-auto inline-flex items-center gap-1 font-medium ${status.tone}`}>
            <status.Icon aria-hidden="true" className={`h-3 w-3 ${deco.status === "running" ? "animate-spin" : ""}`} />
            {status.label}
          </span>
        ) : null}
        {deco.latencyMs !== null ? <span data-testid={`node-${id}-latency`}>{formatDuration(deco.latencyMs)}</span> : null}
        {deco.costUsd !== null ? <span data-testid={`node-${id}-cost`}>{formatMoney(deco.costUsd)}</span> : null}
      </div>
      <OutputHandles nodeId={id} title={title} outputs={ports.outputs} />
    </div>
  );
}

function OutputHandles({ nodeId, title, outputs }: { nodeId: string; title: string; outputs: TPortDef[] }) {
  const [port] = outputs;
  if (!port) return null;
  if (outputs.length === 1) {
    return (
      <Handle
        id={port.id}
        type="source"
        position={Position.Right}
        style={{ top: 28 }}
        className="!h-3 !w-3 !border-2 !border-white !bg-slate-500"
        data-testid={`handle-${nodeId}-out-${port.id}`}
        aria-label={`${title}: output ${port.label}`}
        title={port.label}
      />
    );
  }
  return (
    <div className="border-t border-slate-100 py-1">
      {outputs.map((port) => (
        <div key={port.id} className="relative h-5 pr-4 text-right text-[11px] leading-5 text-slate-600">
          <span className="group-data-[zoom=out]/canvas:invisible">{port.label}</span>
          <Handle
            id={port.id}
            type="source"
            position={Position.Right}
            className={`!h-3 !w-3 !border-2 !border-white ${port.id === "error" ? "!bg-red-500" : "!bg-slate-500"}`}
            data-testid={`handle-${nodeId}-out-${port.id}`}
            aria-label={`${title}: output ${port.label}`}
            title={port.label}
          />
        </div>
      ))}
    </div>
  );
}

export const WorkflowNode = memo(WorkflowNodeView);
