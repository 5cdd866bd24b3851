import { Server } from "lucide-react";
import { Tag } from "@/components/shell/badge";
import { Table, TBody, THead, Td, Th, Tr, Sub } from "@/components/shell/data-table";
import { DateTime } from "@/components/shell/date-time";
import { EmptyState } from "@/components/shell/empty-state";
import { formatDuration, formatNumber } from "@/components/format";
import type { TQueueCounts, TWorkerRow } from "@/server/settings/engine-status.shared";

const QUEUES: Record<string, { label: string; hint: string }> = {
  runs: { label: "Runs", hint: "Wake-ups of workflow runs" },
  schedules: { label: "Schedules", hint: "Timed workflow triggers" },
  system: { label: "System", hint: "Maintenance, e.g. audit verification" },
};

function Count({ value, tone }: { value: number; tone?: "amber" | "red" }) {
  const color =
    value > 0 && tone === "red" ? "font-medium text-red-700" : value > 0 && tone === "amber" ? "text-amber-700" : "";
  return <span className={color}>{formatNumber(value)}</span>;
}

export function QueueTable({ queues }: { queues: TQueueCounts[] }) {
  return (
    <Table label="Queues">
      <THead>
        <Th>Queue</Th>
        <Th align="right">Waiting</Th>
        <Th align="right">Active</Th>
        <Th align="right">Delayed</Th>
        <Th align="right">Failed</Th>
      </THead>
      <TBody>
        {queues.map((q) => (
          <Tr key={q.name}>
            <Td>
              <div className="font-medium text-slate-900">{QUEUES[q.name]?.label ?? q.name}</div>
              {QUEUES[q.name] ? <Sub>{QUEUES[q.name]?.hint}</Sub> : null}
            </Td>
            <Td align="right">
              <Count value={q.waiting} tone="amber" />
            </Td>
            <Td align="right">
              <Count value={q.active} />
            </Td>
            <Td align="right">
              <Count value={q.delayed} />
            </Td>
            <Td align="right">
              <Count value={q.failed} tone="red" />
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}

/** `now` is the server's time of the snapshot, so uptimes render the same on the server and in the browser. */
export function WorkerTable({ workers, now }: { workers: TWorkerRow[]; now: string }) {
  if (workers.length === 0) {
    return (
      <EmptyState
        icon={Server}
        title="No worker is running"
        description="Runs wait in the queue until a worker process starts (npm run worker, or npm start for web and worker together)."
      />
    );
  }
  return (
    <Table label="Workers">
      <THead>
        <Th>Host</Th>
        <Th align="right">PID</Th>
        <Th>Started</Th>
        <Th>Queues</Th>
        <Th align="right">Concurrency</Th>
      </THead>
      <TBody>
        {workers.map((w) => (
          <Tr key={w.id}>
            <Td className="min-w-48">
              <div className="font-medium text-slate-900">{w.host}</div>
              <Sub>Version {w.version}</Sub>
            </Td>
            <Td align="right">
              <span className="font-mono text-xs">{w.pid}</span>
            </Td>
            <Td>
              <DateTime value={w.startedAt} />
              <Sub>Up {formatDuration(Date.parse(now) - Date.parse(w.startedAt))}</Sub>
            </Td>
            <Td>
              <div className="flex flex-wrap gap-1">
                {w.queues.map((q) => (
                  <Tag key={q}>{q}</Tag>
                ))}
              </div>
            </Td>
            <Td align="right">{formatNumber(w.concurrency)}</Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
