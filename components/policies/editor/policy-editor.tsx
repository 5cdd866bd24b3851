"use client";

import { useEffect, useMemo, useState } from "react";
import { QueryClient, QueryClientProvider, useQuery, useQueryClient } from "@tanstack/react-query";
import clsx from "clsx";
import { validatePolicyDocument } from "@/server/policies/policy-editor.shared";
import type { TPolicyDetail } from "@/server/policies/policy-detail.shared";
import type { TRuleOptions } from "@/server/policies/policy-form.shared";
import { jsonEqual } from "@/server/policies/diff-documents.shared";
import { fetchPolicy, policyKeys } from "../policy-api";
import { RulesFormContext } from "./editor-context";
import { PolicyHeader } from "./policy-header";
import { RulesTab } from "./rules-tab";
import { SimulatePanel } from "./simulate-panel";
import { VersionsPanel } from "./versions-panel";

type TTab = "rules" | "simulate" | "versions";

/** What the editor starts from: the saved draft, else the current version's document, else an empty document. */
export function baselineOf(policy: TPolicyDetail): unknown {
  return policy.draft?.document ?? policy.currentVersion?.document ?? {};
}

export function PolicyEditorPage({ initial, options }: { initial: TPolicyDetail; options: TRuleOptions }) {
  const [client] = useState(
    () => new QueryClient({ defaultOptions: { queries: { retry: 1, staleTime: 5_000, refetchOnWindowFocus: false }, mutations: { retry: false } } }),
  );
  return (
    <QueryClientProvider client={client}>
      <PolicyEditor initial={initial} options={options} />
    </QueryClientProvider>
  );
}

function PolicyEditor({ initial, options }: { initial: TPolicyDetail; options: TRuleOptions }) {
  const queryClient = useQueryClient();
  const { data: policy } = useQuery({
    queryKey: policyKeys.detail(initial.id),
    queryFn: () => fetchPolicy(initial.id),
    initialData: initial,
    staleTime: Infinity,
  });
  const [tab, setTab] = useState<TTab>("rules");
  const [document, setDocument] = useState<unknown>(() => baselineOf(initial));
  const baseline = baselineOf(policy);
  const isDirty = !jsonEqual(document, baseline);
  // Checked in the browser with the API's own validation as the person types; the API checks again on save.
  const problems = useMemo(() => {
    const validation = validatePolicyDocument(document);
    return validation.isValid ? [] : validation.problems;
  }, [document]);
  const context = useMemo(() => ({ problems, isReadOnly: !policy.canWrite, options }), [problems, policy.canWrite, options]);

  useEffect(() => {
    if (!isDirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [isDirty]);

  /** After a write: the server's policy is the truth; the editor follows it unless it holds unsaved changes. */
  const applyServer = (next: TPolicyDetail, { keepEdits = false } = {}) => {
    queryClient.setQueryData(policyKeys.detail(next.id), next);
    void queryClient.invalidateQueries({ queryKey: policyKeys.versions(next.id) });
    void queryClient.invalidateQueries({ queryKey: [...policyKeys.all, "diff", next.id] });
    if (!(keepEdits && isDirty)) setDocument(baselineOf(next));
  };

  const tabs: { id: TTab; label: string }[] = [
    { id: "rules", label: "Rules" },
    ...(policy.canWrite ? [{ id: "simulate" as const, label: "Simulate" }] : []),
    { id: "versions", label: "Versions" },
  ];
  return (
    <RulesFormContext.Provider value={context}>
      <PolicyHeader policy={policy} onChanged={(next) => applyServer(next, { keepEdits: true })} />
      <div role="tablist" aria-label="Policy" className="mb-4 flex gap-1 border-b border-slate-200">
        {tabs.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`policy-tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`policy-panel-${t.id}`}
            onClick={() => setTab(t.id)}
            className={clsx(
              "-mb-px border-b-2 px-3 py-2 text-sm font-medium outline-none focus-visible:ring-2 focus-visible:ring-brand-500",
              tab === t.id ? "border-brand-600 text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900",
            )}
          >
            {t.label}
            {t.id === "rules" && isDirty ? (
              <>
                <span aria-hidden="true" className="ml-1 text-amber-600">
                  •
                </span>
                <span className="sr-only"> (unsaved changes)</span>
              </>
            ) : null}
          </button>
        ))}
      </div>
      {/* Every panel stays mounted, so switching tabs loses nothing typed (not even JSON that does not parse yet). */}
      <div role="tabpanel" id="policy-panel-rules" aria-labelledby="policy-tab-rules" hidden={tab !== "rules"}>
        <RulesTab policy={policy} document={document} onDocumentChange={setDocument} isDirty={isDirty} problems={problems} onSaved={applyServer} />
      </div>
      {policy.canWrite ? (
        <div role="tabpanel" id="policy-panel-simulate" aria-labelledby="policy-tab-simulate" hidden={tab !== "simulate"}>
          <SimulatePanel policy={policy} document={document} isDirty={isDirty} problemCount={problems.length} />
        </div>
      ) : null}
      <div role="tabpanel" id="policy-panel-versions" aria-labelledby="policy-tab-versions" hidden={tab !== "versions"}>
        <VersionsPanel policy={policy} isActive={tab === "versions"} isDirty={isDirty} onRolledBack={(next) => applyServer(next, { keepEdits: true })} />
      </div>
    </RulesFormContext.Provider>
  );
}
