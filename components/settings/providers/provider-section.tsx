"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { Plus, Server } from "lucide-react";
import { request } from "@/components/shell/api-client";
import { EmptyState } from "@/components/shell/empty-state";
import { BUTTON } from "@/components/shell/form-styles";
import { ModalDialog } from "@/components/shell/modal-dialog";
import type { TProviderView } from "@/server/providers/providers.shared";
import { ProviderTable } from "../provider-table";
import { DeleteProviderPanel, TestConnectionPanel } from "./provider-dialogs";
import { ProviderForm } from "./provider-form";

type TOpen = { kind: "edit"; item: TProviderView | null } | { kind: "test" | "delete"; item: TProviderView } | null;

/** Settings → Providers: the providers, and for organisation admins add, edit, test, disable and delete. */
export function ProviderSection({ items, canWrite }: { items: TProviderView[]; canWrite: boolean }) {
  const router = useRouter();
  const [open, setOpen] = useState<TOpen>(null);
  const [pendingId, setPendingId] = useState<string | null>(null);
  const [toggleError, setToggleError] = useState<string | null>(null);
  const close = () => setOpen(null);
  // A dialog's close event arrives after the next one may have opened (a new provider goes straight to its test):
  // it closes only itself.
  const closeIf = (kind: "edit" | "test" | "delete") => () => setOpen((o) => (o?.kind === kind ? null : o));

  async function toggle(item: TProviderView) {
    setPendingId(item.id);
    setToggleError(null);
    try {
      await request(`/api/providers/${item.id}`, { method: "PATCH", body: { isEnabled: !item.isEnabled } });
      router.refresh();
    } catch (error) {
      setToggleError(`${item.name}: ${error instanceof Error ? error.message : "the change could not be saved."}`);
    } finally {
      setPendingId(null);
    }
  }

  const actions = canWrite
    ? {
        onEdit: (item: TProviderView) => setOpen({ kind: "edit", item }),
        onTest: (item: TProviderView) => setOpen({ kind: "test", item }),
        onDelete: (item: TProviderView) => setOpen({ kind: "delete", item }),
        onToggle: (item: TProviderView) => void toggle(item),
        pendingId,
      }
    : undefined;

  return (
    <>
      {canWrite ? (
        <div className="mb-3 flex justify-end">
          <button type="button" className={BUTTON.primary} onClick={() => setOpen({ kind: "edit", item: null })}>
            <Plus aria-hidden="true" className="h-4 w-4" />
            Add provider
          </button>
        </div>
      ) : null}
      {toggleError ? (
        <p role="alert" className="mb-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {toggleError}
        </p>
      ) : null}
      {items.length === 0 ? (
        <EmptyState
          icon={Server}
          title="No model providers configured"
          description="Add a provider (OpenAI, Azure OpenAI, Anthropic, Google Gemini, Mistral, AWS Bedrock or any OpenAI-compatible server) so workflows can call models."
        />
      ) : (
        <ProviderTable items={items} actions={actions} />
      )}
      <ModalDialog
        isOpen={open?.kind === "edit"}
        onClose={closeIf("edit")}
        title={open?.kind === "edit" && open.item ? `Edit ${open.item.name}` : "Add a provider"}
        description="Keys are stored encrypted and never shown again: only their last four characters."
        size="2xl"
      >
        {open?.kind === "edit" ? (
          <ProviderForm
            item={open.item}
            onCancel={close}
            onSaved={(saved) => {
              router.refresh();
              // A new provider is offered a connection test at once.
              setOpen(open.item ? null : { kind: "test", item: saved });
            }}
          />
        ) : null}
      </ModalDialog>
      <ModalDialog isOpen={open?.kind === "test"} onClose={closeIf("test")} title={`Test connection: ${open?.item?.name ?? ""}`}>
        {open?.kind === "test" ? <TestConnectionPanel item={open.item} /> : null}
      </ModalDialog>
      <ModalDialog isOpen={open?.kind === "delete"} onClose={closeIf("delete")} title={`Delete ${open?.item?.name ?? "provider"}?`} hasCloseButton={false}>
        {open?.kind === "delete" ? (
          <DeleteProviderPanel
            item={open.item}
            onCancel={close}
            onDeleted={() => {
              close();
              router.refresh();
            }}
          />
        ) : null}
      </ModalDialog>
    </>
  );
}
