"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { Plus, Trash2, Wallet } from "lucide-react";
import { request } from "@/components/shell/api-client";
import { EmptyState } from "@/components/shell/empty-state";
import { BUTTON } from "@/components/shell/form-styles";
import { ModalActions, ModalDialog } from "@/components/shell/modal-dialog";
import type { TBudgetFormOptions } from "@/server/budgets/budget-input.shared";
import type { TBudgetListItem } from "@/server/policies/policy-list.shared";
import { BudgetForm } from "./budget-form";
import { BudgetTable } from "./budget-table";

type TEditing = { item: TBudgetListItem | null } | null;

/** The Policies page's budgets: the ledger's state per budget, and create / edit / delete for those who manage them. */
export function BudgetSection({ items, options, timeZone }: { items: TBudgetListItem[]; options: TBudgetFormOptions; timeZone: string }) {
  const router = useRouter();
  const [editing, setEditing] = useState<TEditing>(null);
  const [deleting, setDeleting] = useState<TBudgetListItem | null>(null);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const [isDeleting, setIsDeleting] = useState(false);
  const canCreate = options.canManageOrg || options.teams.length > 0;

  async function confirmDelete() {
    if (!deleting) return;
    setIsDeleting(true);
    try {
      await request(`/api/budgets/${deleting.id}`, { method: "DELETE" });
      setDeleting(null);
      router.refresh();
    } catch (error) {
      setDeleteError(error instanceof Error ? error.message : "The budget could not be deleted.");
    } finally {
      setIsDeleting(false);
    }
  }

  return (
    <>
      {canCreate ? (
        <div className="mb-3 flex justify-end">
          <button type="button" className={BUTTON.primary} onClick={() => setEditing({ item: null })}>
            <Plus aria-hidden="true" className="h-4 w-4" />
            New budget
          </button>
        </div>
      ) : null}
      {items.length === 0 ? (
        <EmptyState
          icon={Wallet}
          title="No budgets yet"
          description={canCreate ? "Create one to cap what model calls may spend per day, week or month." : "Budgets your admins create are listed here."}
        />
      ) : (
        <BudgetTable items={items} timeZone={timeZone} onEdit={(item) => setEditing({ item })} onDelete={(item) => (setDeleteError(null), setDeleting(item))} />
      )}
      <ModalDialog
        isOpen={editing !== null}
        onClose={() => setEditing(null)}
        title={editing?.item ? `Edit ${editing.item.name}` : "New budget"}
        description="Before each model call its projected cost is reserved on every budget that covers it; past the amount, the budget's action applies."
        size="2xl"
      >
        {editing ? (
          <BudgetForm
            item={editing.item}
            options={options}
            onCancel={() => setEditing(null)}
            onSaved={() => {
              setEditing(null);
              router.refresh();
            }}
          />
        ) : null}
      </ModalDialog>
      <ModalDialog
        isOpen={deleting !== null}
        onClose={() => setDeleting(null)}
        title={`Delete ${deleting?.name ?? "budget"}?`}
        description="Model calls are no longer checked against it. What it recorded stays in the ledger and the audit trail."
        hasCloseButton={false}
      >
        {deleteError ? (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
            {deleteError}
          </p>
        ) : null}
        <ModalActions
          onCancel={() => setDeleting(null)}
          onConfirm={() => void confirmDelete()}
          confirmLabel="Delete budget"
          pendingLabel="Deleting…"
          isPending={isDeleting}
          tone="danger"
          icon={<Trash2 aria-hidden="true" className="h-4 w-4" />}
        />
      </ModalDialog>
    </>
  );
}
