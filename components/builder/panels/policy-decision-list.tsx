import { ShieldCheck } from "lucide-react";
import { Badge } from "@/components/shell/badge";
import { JsonViewer } from "@/components/run-detail/json-viewer";
import { readPolicyDecisions } from "./read-policy-decisions";

/** What the policies decided around a step, readable; raw JSON when the stored shape is one this build cannot read. */
export function PolicyDecisionList({ value, nodeId }: { value: unknown; nodeId: string }) {
  const decisions = readPolicyDecisions(value);
  if (decisions === null) return <JsonViewer label="Policy decisions" of={nodeId} value={value} isOpen />;
  if (decisions.length === 0) return <p className="text-sm text-slate-500">No policy decisions were recorded for this step.</p>;
  return (
    <ul className="space-y-2">
      {decisions.map((d, i) => (
        <li key={`${d.point}-${d.policy}-${i}`} className="rounded-md border border-slate-200 px-3 py-2">
          <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
            <ShieldCheck aria-hidden="true" className="h-4 w-4 shrink-0 text-slate-400" />
            <span className="text-sm font-medium text-slate-900">{d.policy}</span>
            <Badge tone={d.tone}>{d.decision}</Badge>
          </div>
          {d.point ? <p className="mt-0.5 pl-6 text-xs text-slate-500">{d.point}</p> : null}
          {d.reasons.length > 0 ? (
            <ul className="mt-1 list-disc space-y-0.5 pl-10 text-sm text-slate-600 marker:text-slate-400">
              {d.reasons.map((reason) => (
                <li key={reason} className="break-words">
                  {reason}
                </li>
              ))}
            </ul>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
