"use client";

// Settings → API keys: the list, creating a key (its secret shown once) and revoking one.
import { useState } from "react";
import { useRouter } from "next/navigation";
import { KeyRound, Plus } from "lucide-react";
import { errorMessage, request } from "@/components/shell/api-client";
import { EmptyState } from "@/components/shell/empty-state";
import { BUTTON } from "@/components/shell/form-styles";
import { ModalActions, ModalDialog } from "@/components/shell/modal-dialog";
import type { TApiKeyListItem, TApiKeyTeamOption, TCreatedApiKey } from "@/server/api-keys/api-key.shared";
import { ApiKeyTable } from "./api-key-table";
import { CreateApiKeyForm } from "./create-api-key-form";
import { NewApiKeySecret } from "./new-api-key-secret";

type TCreating = { created: TCreatedApiKey | null } | null;

export function ApiKeysSection({ items, teams }: { items: TApiKeyListItem[]; teams: TApiKeyTeamOption[] }) {
  const router = useRouter();
  const [creating, setCreating] = useState<TCreating>(null);
  const [revoking, setRevoking] = useState<TApiKeyListItem | null>(null);
  const [revokeError, setRevokeError] = useState<string | null>(null);
  const [isRevoking, setIsRevoking] = useState(false);

  function closeCreate() {
    // The new key is in the list once the page reloads its data; its secret is gone with the dialog.
    if (creating?.created) router.refresh();
    setCreating(null);
  }

  async function confirmRevoke() {
    if (!revoking) return;
    setIsRevoking(true);
    try {
      await request(`/api/api-keys/${encodeURIComponent(revoking.id)}`, { method: "DELETE" });
      setRevoking(null);
      router.refresh();
    } catch (error) {
      setRevokeError(errorMessage(error));
    } finally {
      setIsRevoking(false);
    }
  }

  const newKeyButton =
    teams.length > 0 ? (
      <button type="button" className={BUTTON.primary} onClick={() => setCreating({ created: null })}>
        <Plus aria-hidden="true" className="h-4 w-4" />
        New API key
      </button>
    ) : null;

  return (
    <>
      <div className="mb-3 flex flex-wrap items-start justify-between gap-3">
        <p className="max-w-3xl text-sm text-slate-600">
          An API key lets another system call Baton&apos;s API for one team, with <code className="font-mono text-xs">Authorization: Bearer &lt;key&gt;</code>:
          start runs, read workflows and runs, or use the management routes, as its scopes allow. It never does more than its
          creator may do in that team at the time of each request, and stops working if its creator&apos;s account is disabled
          or they leave the team (unless they are an organisation admin). Approvals are decided by people only.
        </p>
        {newKeyButton}
      </div>
      {items.length === 0 ? (
        <EmptyState
          icon={KeyRound}
          title="No API keys yet"
          description={teams.length > 0 ? "Create one for each system that calls Baton, with only the scopes it needs." : "Keys created for your teams are listed here."}
        />
      ) : (
        <ApiKeyTable items={items} onRevoke={(item) => (setRevokeError(null), setRevoking(item))} />
      )}

      <ModalDialog
        isOpen={creating !== null}
        onClose={closeCreate}
        title={creating?.created ? `API key “${creating.created.apiKey.name}” created` : "New API key"}
        description={creating?.created ? undefined : "The key is shown once, right after you create it."}
        size="2xl"
      >
        {creating?.created ? (
          <NewApiKeySecret created={creating.created} team={teams.find((t) => t.id === creating.created?.apiKey.teamId)} onDone={closeCreate} />
        ) : creating ? (
          <CreateApiKeyForm teams={teams} onCancel={closeCreate} onCreated={(created) => setCreating({ created })} />
        ) : null}
      </ModalDialog>

      <ModalDialog
        isOpen={revoking !== null}
        onClose={() => setRevoking(null)}
        title={`Revoke “${revoking?.name ?? "API key"}”?`}
        description="Every request with this key is refused (401) from now on. This cannot be undone; the key stays listed as revoked."
        hasCloseButton={false}
      >
        {revokeError ? (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
            {revokeError}
          </p>
        ) : null}
        <ModalActions
          onCancel={() => setRevoking(null)}
          onConfirm={() => void confirmRevoke()}
          confirmLabel="Revoke key"
          pendingLabel="Revoking…"
          isPending={isRevoking}
          tone="danger"
        />
      </ModalDialog>
    </>
  );
}
