"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { Cpu, Plus, PowerOff, Trash2 } from "lucide-react";
import { z } from "zod";
import { ApiRequestError, errorMessage, request } from "@/components/shell/api-client";
import { EmptyState } from "@/components/shell/empty-state";
import { BUTTON, FIELD } from "@/components/shell/form-styles";
import { ModalActions, ModalDialog } from "@/components/shell/modal-dialog";
import { USE_KIND_LABELS, type TModelUse } from "@/server/models/model-usage.shared";
import type { TModelListItem } from "@/server/settings/settings.shared";
import type { TProviderView as TProviderListItem } from "@/server/providers/providers.shared";
import { ModelForm } from "./model-form";
import { ModelTable } from "./model-table";

type TEditing = { item: TModelListItem | null } | null;
type TConfirm = { kind: "disable" | "delete"; item: TModelListItem } | null;

const ZUsedBy = z.array(z.object({ kind: z.enum(["workflow", "route", "budget"]), id: z.string(), name: z.string(), detail: z.string() }));

const modelPath = (m: TModelListItem) => `/api/models/${encodeURIComponent(m.id)}`;

function matches(m: TModelListItem, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (q === "") return true;
  return [m.name, m.displayName, m.providerName, m.region ?? "", ...m.tags, ...m.capabilities].some((s) => s.toLowerCase().includes(q));
}

/** Settings → Models: the catalog with its prices, and for organisation admins add, edit, disable and delete. */
export function ModelsSection({ items, providers, canWrite }: { items: TModelListItem[]; providers: TProviderListItem[]; canWrite: boolean }) {
  const router = useRouter();
  const [query, setQuery] = useState("");
  const [editing, setEditing] = useState<TEditing>(null);
  const [confirm, setConfirm] = useState<TConfirm>(null);
  const [problem, setProblem] = useState<{ message: string; usedBy: TModelUse[] } | null>(null);
  const [isPending, setIsPending] = useState(false);
  const shown = items.filter((m) => matches(m, query));

  function openConfirm(next: TConfirm) {
    setProblem(null);
    setConfirm(next);
  }

  async function act(run: () => Promise<unknown>) {
    setIsPending(true);
    setProblem(null);
    try {
      await run();
      setConfirm(null);
      router.refresh();
    } catch (error) {
      const usedBy = error instanceof ApiRequestError ? (ZUsedBy.safeParse(error.details.usedBy).data ?? []) : [];
      setProblem({ message: errorMessage(error), usedBy });
    } finally {
      setIsPending(false);
    }
  }

  const toggle = (m: TModelListItem) =>
    m.isEnabled ? openConfirm({ kind: "disable", item: m }) : void act(() => request(modelPath(m), { method: "PATCH", body: { isEnabled: true } }));

  return (
    <>
      <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
        <input
          type="search"
          aria-label="Filter models"
          placeholder="Filter by name, provider, region, tag or capability"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          className={`${FIELD} mt-0 max-w-sm`}
        />
        {canWrite && providers.length > 0 ? (
          <button type="button" className={BUTTON.primary} onClick={() => setEditing({ item: null })}>
            <Plus aria-hidden="true" className="h-4 w-4" />
            Add model
          </button>
        ) : null}
      </div>
      {problem && confirm === null ? (
        <p role="alert" className="mb-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {problem.message}
        </p>
      ) : null}
      {items.length === 0 ? (
        <EmptyState
          icon={Cpu}
          title="No models yet"
          description={
            providers.length === 0
              ? "Models belong to a provider, and there is none yet (see Settings → Providers)."
              : "Add the models your providers serve, with their prices: workflows and routes can call only models listed here."
          }
        />
      ) : shown.length === 0 ? (
        <EmptyState icon={Cpu} title="No model matches this filter" description="Try part of a model id, a provider, a region or a tag." />
      ) : (
        <ModelTable
          items={shown}
          actions={
            canWrite
              ? { onEdit: (item) => setEditing({ item }), onToggle: toggle, onDelete: (item) => openConfirm({ kind: "delete", item }) }
              : undefined
          }
        />
      )}
      <ModalDialog
        isOpen={editing !== null}
        onClose={() => setEditing(null)}
        title={editing?.item ? `Edit ${editing.item.displayName}` : "Add a model"}
        description={
          editing?.item
            ? `Served by ${editing.item.providerName}. A price change applies to calls from the moment it is saved; steps that ran before keep their cost.`
            : "Type the provider's model id: a model the price catalog knows gets its list prices and limits filled in, to check and change."
        }
        size="3xl"
      >
        {editing ? (
          <ModelForm
            item={editing.item}
            providers={providers}
            onCancel={() => setEditing(null)}
            onSaved={() => {
              setEditing(null);
              router.refresh();
            }}
          />
        ) : null}
      </ModalDialog>
      <ModalDialog
        isOpen={confirm !== null}
        onClose={() => setConfirm(null)}
        title={confirm ? `${confirm.kind === "delete" ? "Delete" : "Disable"} ${confirm.item.displayName}?` : "Model"}
        description={
          confirm?.kind === "delete"
            ? "Only a model nothing uses can be deleted. Steps that called it keep its name and their cost; its price history goes with it."
            : "Routes skip it, the builder stops offering it, and a step that calls it fails with an error naming it, until it is enabled again."
        }
        hasCloseButton={false}
      >
        {problem ? (
          <div role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
            <p>{problem.message}</p>
            {problem.usedBy.length > 0 ? (
              <ul aria-label="What uses this model" className="mt-2 list-disc space-y-1 pl-5">
                {problem.usedBy.map((u) => (
                  <li key={`${u.kind}-${u.id}`}>
                    {USE_KIND_LABELS[u.kind]} <span className="font-medium">{u.name}</span>: {u.detail}
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
        {confirm ? (
          <ModalActions
            onCancel={() => setConfirm(null)}
            onConfirm={() =>
              void act(() =>
                confirm.kind === "delete"
                  ? request(modelPath(confirm.item), { method: "DELETE" })
                  : request(modelPath(confirm.item), { method: "PATCH", body: { isEnabled: false } }),
              )
            }
            confirmLabel={confirm.kind === "delete" ? "Delete model" : "Disable model"}
            pendingLabel={confirm.kind === "delete" ? "Deleting…" : "Disabling…"}
            isPending={isPending}
            isDisabled={confirm.kind === "delete" && problem !== null && problem.usedBy.length > 0}
            tone="danger"
            icon={confirm.kind === "delete" ? <Trash2 aria-hidden="true" className="h-4 w-4" /> : <PowerOff aria-hidden="true" className="h-4 w-4" />}
          />
        ) : null}
      </ModalDialog>
    </>
  );
}
