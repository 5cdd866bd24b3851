import type { ReactNode } from "react";
import { Minus, Pencil, Plus } from "lucide-react";
import type { TGraphDiff } from "@/server/workflows/editor.shared";
import { NodeIcon, nodeTypeLabel } from "@/components/run-detail/node-icon";
import { DiffChange } from "./diff-change";
import { isEmptyDiff } from "@/server/workflows/diff-graphs.shared";
import { describeChangeCount, describeEdge, nodeName, summarizeDiff } from "./format-diff";

type TProps = {
  diff: TGraphDiff;
  /** "Version 3" */
  fromLabel: string;
  /** "the current draft" */
  toLabel: string;
};

function DiffSection({ title, icon, children }: { title: string; icon: ReactNode; children: ReactNode }) {
  return (
    <section aria-label={title} className="mt-4">
      <h4 className="flex items-center gap-1.5 text-xs font-semibold tracking-wide text-slate-500 uppercase">
        {icon}
        {title}
      </h4>
      <ul className="mt-1.5 space-y-1.5">{children}</ul>
    </section>
  );
}

function NodeLine({ node }: { node: { id: string; type: string; label: string } }) {
  return (
    <li className="flex items-center gap-2 text-sm">
      <NodeIcon type={node.type} />
      <span className="min-w-0">
        <span className="block truncate font-medium text-slate-900">{nodeName(node)}</span>
        <span className="block text-xs text-slate-500">{nodeTypeLabel(node.type)}</span>
      </span>
    </li>
  );
}

/** A readable difference between two graphs: what a person would have to redo by hand to go from one to the other. */
export function VersionDiffView({ diff, fromLabel, toLabel }: TProps) {
  if (isEmptyDiff(diff)) {
    return (
      <p className="rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm text-slate-600">
        No differences: {fromLabel} and {toLabel} are the same (moving nodes on the canvas does not count).
      </p>
    );
  }
  return (
    <div>
      <p className="text-sm text-slate-700">
        From {fromLabel} to {toLabel}: <span className="font-medium">{summarizeDiff(diff)}</span>
      </p>
      {diff.addedNodes.length > 0 ? (
        <DiffSection title="Nodes added" icon={<Plus aria-hidden="true" className="h-3.5 w-3.5 text-emerald-600" />}>
          {diff.addedNodes.map((node) => (
            <NodeLine key={node.id} node={node} />
          ))}
        </DiffSection>
      ) : null}
      {diff.removedNodes.length > 0 ? (
        <DiffSection title="Nodes removed" icon={<Minus aria-hidden="true" className="h-3.5 w-3.5 text-red-600" />}>
          {diff.removedNodes.map((node) => (
            <NodeLine key={node.id} node={node} />
          ))}
        </DiffSection>
      ) : null}
      {diff.changedNodes.length > 0 ? (
        <DiffSection title="Nodes changed" icon={<Pencil aria-hidden="true" className="h-3.5 w-3.5 text-amber-600" />}>
          {diff.changedNodes.map((node) => (
            <li key={node.id} className="rounded-md border border-slate-200 p-2.5">
              <div className="flex items-center gap-2">
                <NodeIcon type={node.type} />
                <span className="min-w-0 flex-1">
                  <span className="block truncate text-sm font-medium text-slate-900">{nodeName(node)}</span>
                  <span className="block text-xs text-slate-500">
                    {nodeTypeLabel(node.type)} · {describeChangeCount(node.changes)}
                  </span>
                </span>
              </div>
              <dl className="mt-2 space-y-2">
                {node.changes.map((change) => (
                  <DiffChange key={change.path} path={change.path} before={change.before} after={change.after} />
                ))}
              </dl>
            </li>
          ))}
        </DiffSection>
      ) : null}
      {diff.addedEdges.length > 0 ? (
        <DiffSection title="Connections added" icon={<Plus aria-hidden="true" className="h-3.5 w-3.5 text-emerald-600" />}>
          {diff.addedEdges.map((edge) => (
            <li key={edge.id} className="font-mono text-sm text-slate-800">
              {describeEdge(edge)}
            </li>
          ))}
        </DiffSection>
      ) : null}
      {diff.removedEdges.length > 0 ? (
        <DiffSection title="Connections removed" icon={<Minus aria-hidden="true" className="h-3.5 w-3.5 text-red-600" />}>
          {diff.removedEdges.map((edge) => (
            <li key={edge.id} className="font-mono text-sm text-slate-700">
              {describeEdge(edge)}
            </li>
          ))}
        </DiffSection>
      ) : null}
    </div>
  );
}
