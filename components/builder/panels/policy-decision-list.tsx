import { ShieldCheck } from "lucide-react";
import { Badge } from "@/components/shell/badge";
import { JsonViewer } from "@/components/run-detail/json-viewer";
import { readPolicyDecisions } from "./read-policy-decisions";

/** What the policies decided around a step's calls, readable; raw JSON when the stored shape is one this build cannot read. */
export function PolicyDecisionList({ value, nodeId }: { value: unknown; nodeId: string }) {
  const decisions = readPolicyDecisions(value);
  if (decisions === null) return <JsonViewer label="Policy decisions" of={nodeId} value={value} isOpen />;
  if (decisions.length === 0) {
    return (
      <p className="text-sm text-slate-500">
        No policy decisions were recorded for this step: it made no model or tool call, or no policy or budget covered it.
      </p>
    );
  }
  const showAttempt = new Set(decisions.map((d) => d.attempt)).size > 1;
  return (
    <ul className="space-y-2" data-testid={`policy-decisions-${nodeId}`}>
      {decisions.map((d, i) => (
        <li key={`${d.point}-${i}`} className="rounded-md border border-slate-200 px-3 py-2">
          <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
            <ShieldCheck aria-hidden="true" className="h-4 w-4 shrink-0 text-slate-400" />
            <span className="text-sm font-medium text-slate-900">{d.point}</span>
            <Badge tone={d.tone}>{d.decision}</Badge>
            <span className="text-xs text-slate-500">
              {d.subject}
              {showAttempt ? ` · attempt ${d.attempt}` : ""}
            </span>
          </div>
          {d.rules.length > 0 ? (
            <ul className="mt-1 list-disc space-y-0.5 pl-10 text-sm text-slate-700 marker:text-slate-400">
              {d.rules.map((rule, j) => (
                <li key={`${j}-${rule}`} className="break-words">
                  {rule}
                </li>
              ))}
            </ul>
          ) : (
            <p className="mt-0.5 pl-6 text-xs text-slate-500">
              No rule fired. Checked: {d.checked.join(", ")}.
            </p>
          )}
          {d.approval ? <p className="mt-1 pl-6 text-sm text-slate-700">{d.approval}</p> : null}
        </li>
      ))}
    </ul>
  );
}
