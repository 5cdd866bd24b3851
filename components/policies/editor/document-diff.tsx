import { DiffChange } from "@/components/builder/panels/diff-change";
import type { TDocumentChange } from "@/server/policies/policy-detail.shared";

/** Every difference between two policy documents, by path: "(not set)" on the side that lacks it. */
export function DocumentDiff({ changes, label }: { changes: TDocumentChange[]; label: string }) {
  if (changes.length === 0) return <p className="text-sm text-slate-500">No differences: the two documents are the same.</p>;
  return (
    <dl aria-label={label} className="space-y-3">
      {changes.map((c) => (
        <DiffChange
          key={`${c.kind}-${c.path}`}
          path={c.path}
          before={c.kind === "added" ? undefined : c.before}
          after={c.kind === "removed" ? undefined : c.after}
        />
      ))}
    </dl>
  );
}
