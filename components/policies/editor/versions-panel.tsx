"use client";

import { useState } from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { History, RotateCcw } from "lucide-react";
import { Badge } from "@/components/shell/badge";
import { Table, TBody, THead, Td, Th, Tr } from "@/components/shell/data-table";
import { DateTime } from "@/components/shell/date-time";
import { EmptyState } from "@/components/shell/empty-state";
import { BUTTON, FIELD, LABEL } from "@/components/shell/form-styles";
import { ModalActions, ModalDialog } from "@/components/shell/modal-dialog";
import { GeneratedTag, SEEDED_TITLE } from "@/components/shell/status-badge";
import type { TPolicyDetail, TPolicyVersionSummary } from "@/server/policies/policy-detail.shared";
import { fetchDiff, fetchVersions, policyKeys, rollbackTo } from "../policy-api";
import { DocumentDiff } from "./document-diff";

type TProps = {
  policy: TPolicyDetail;
  /** Versions are fetched when the tab is first opened. */
  isActive: boolean;
  isDirty: boolean;
  onRolledBack: (next: TPolicyDetail) => void;
};

/** Published versions, newest first; the difference between any two (or a version and the draft); roll back. */
export function VersionsPanel({ policy, isActive, isDirty, onRolledBack }: TProps) {
  const versions = useQuery({ queryKey: policyKeys.versions(policy.id), queryFn: () => fetchVersions(policy.id), enabled: isActive });
  const [rollback, setRollback] = useState<TPolicyVersionSummary | null>(null);
  if (versions.error) {
    return (
      <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
        {versions.error.message}
      </p>
    );
  }
  if (!versions.data) return <p className="text-sm text-slate-500">Loading versions…</p>;
  if (versions.data.length === 0) {
    return <EmptyState icon={History} title="Not published yet" description="Each publish makes a version with its note; they are listed here." />;
  }
  return (
    <div className="space-y-6">
      <Table label="Versions">
        <THead>
          <Th>Version</Th>
          <Th>Note</Th>
          <Th>Published</Th>
          <Th align="right">
            <span className="sr-only">Actions</span>
          </Th>
        </THead>
        <TBody>
          {versions.data.map((v) => (
            <Tr key={v.number}>
              <Td className="whitespace-nowrap font-medium text-slate-900">
                v{v.number} {v.isCurrent ? <Badge tone="green">Current</Badge> : null}
              </Td>
              <Td className="min-w-64">{v.note}</Td>
              <Td>
                <DateTime value={v.createdAt} />
                <div className="text-xs text-slate-500">
                  {v.isGenerated ? (
                    <>
                      The demo seed <GeneratedTag title={SEEDED_TITLE} />
                    </>
                  ) : (
                    (v.createdByName ?? "Not recorded")
                  )}
                </div>
              </Td>
              <Td align="right">
                {policy.canWrite && !v.isCurrent ? (
                  <button type="button" className={BUTTON.small} onClick={() => setRollback(v)}>
                    <RotateCcw aria-hidden="true" className="h-3.5 w-3.5" /> Roll back to v{v.number}
                  </button>
                ) : null}
              </Td>
            </Tr>
          ))}
        </TBody>
      </Table>
      <Compare policy={policy} versions={versions.data} />
      <RollbackDialog policy={policy} version={rollback} isDirty={isDirty} onClose={() => setRollback(null)} onRolledBack={onRolledBack} />
    </div>
  );
}

const versionWords = (choice: string) => (choice === "draft" ? "the saved draft" : `v${choice}`);

function Compare({ policy, versions }: { policy: TPolicyDetail; versions: TPolicyVersionSummary[] }) {
  const choices = [...(policy.draft ? [{ value: "draft", label: "Saved draft" }] : []), ...versions.map((v) => ({ value: String(v.number), label: `v${v.number}` }))];
  const [from, setFrom] = useState(versions[1] ? String(versions[1].number) : String(versions[0]!.number));
  const [to, setTo] = useState(policy.draft ? "draft" : String(versions[0]!.number));
  const diff = useQuery({ queryKey: policyKeys.diff(policy.id, from, to), queryFn: () => fetchDiff(policy.id, from, to) });
  const select = (id: string, label: string, value: string, onChange: (v: string) => void) => (
    <div>
      <label htmlFor={id} className={LABEL}>
        {label}
      </label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} className={`${FIELD} w-40`}>
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <section aria-label="Compare versions" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <h3 className="text-sm font-semibold text-slate-900">Compare</h3>
      <div className="mt-2 flex flex-wrap gap-4">
        {select("compare-from", "From", from, setFrom)}
        {select("compare-to", "To", to, setTo)}
      </div>
      <div className="mt-4">
        {diff.error ? (
          <p role="alert" className="text-sm text-red-700">
            {diff.error.message}
          </p>
        ) : diff.data ? (
          <DocumentDiff changes={diff.data} label={`Changes from ${versionWords(from)} to ${versionWords(to)}`} />
        ) : (
          <p className="text-sm text-slate-500">Comparing…</p>
        )}
      </div>
    </section>
  );
}

function RollbackDialog({
  policy,
  version,
  isDirty,
  onClose,
  onRolledBack,
}: {
  policy: TPolicyDetail;
  version: TPolicyVersionSummary | null;
  isDirty: boolean;
  onClose: () => void;
  onRolledBack: (next: TPolicyDetail) => void;
}) {
  const rollback = useMutation({
    mutationFn: (number: number) => rollbackTo(policy.id, number),
    onSuccess: (next) => {
      onRolledBack(next);
      onClose();
    },
  });
  const next = (policy.currentVersion?.number ?? 0) + 1;
  return (
    <ModalDialog
      isOpen={version !== null}
      onClose={() => (rollback.reset(), onClose())}
      title={`Roll back to v${version?.number ?? ""}?`}
      description={`The rules of v${version?.number ?? ""} are published again as v${next}${policy.isEnabled ? ", which applies to the calls this policy covers within a second" : "; the policy is disabled, so it applies once enabled"}. The saved draft is kept${isDirty ? ", and so are your unsaved changes in the editor" : ""}.`}
      hasCloseButton={false}
    >
      {rollback.error ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {rollback.error.message}
        </p>
      ) : null}
      <ModalActions
        onCancel={() => (rollback.reset(), onClose())}
        onConfirm={() => version && rollback.mutate(version.number)}
        confirmLabel={`Roll back to v${version?.number ?? ""}`}
        pendingLabel="Rolling back…"
        isPending={rollback.isPending}
        icon={<RotateCcw aria-hidden="true" className="h-4 w-4" />}
      />
    </ModalDialog>
  );
}
