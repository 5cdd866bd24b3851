"use client";

import { useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { Archive, ArchiveRestore, Pencil, Plus, Users } from "lucide-react";
import { Badge } from "@/components/shell/badge";
import { Table, TBody, THead, Td, Th, Tr, Sub } from "@/components/shell/data-table";
import { EmptyState } from "@/components/shell/empty-state";
import { BUTTON } from "@/components/shell/form-styles";
import { ModalActions, ModalDialog } from "@/components/shell/modal-dialog";
import { formatNumber } from "@/components/format";
import { ROLE_LABELS, ROLES } from "@/server/auth/permissions";
import type { TTeamListItem } from "@/server/settings/settings.shared";
import { FormAlert } from "@/components/shell/form-field";
import { updateTeam } from "./people-api";
import { TeamForm } from "./team-form";

type TEditing = { item: TTeamListItem | null } | null;

/** Settings → Teams: the teams the person administers; organisation admins also create, archive and restore them. */
export function TeamsAdmin({ items, canManage }: { items: TTeamListItem[]; canManage: boolean }) {
  const router = useRouter();
  const [editing, setEditing] = useState<TEditing>(null);
  const [archiving, setArchiving] = useState<TTeamListItem | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isPending, setIsPending] = useState(false);
  const isRestoring = Boolean(archiving?.archivedAt);

  async function confirmArchive() {
    if (!archiving) return;
    setIsPending(true);
    try {
      await updateTeam(archiving.id, { isArchived: !isRestoring });
      setArchiving(null);
      router.refresh();
    } catch (e) {
      setError(e instanceof Error ? e.message : "The team could not be changed.");
    } finally {
      setIsPending(false);
    }
  }

  return (
    <>
      {canManage ? (
        <div className="mb-3 flex justify-end">
          <button type="button" className={BUTTON.primary} onClick={() => setEditing({ item: null })}>
            <Plus aria-hidden="true" className="h-4 w-4" />
            New team
          </button>
        </div>
      ) : null}
      {items.length === 0 ? (
        <EmptyState
          icon={Users}
          title="No teams yet"
          description={canManage ? "Create one: teams own workflows, runs and budgets; people get a role per team." : "Teams own workflows, runs and budgets; people get a role per team."}
        />
      ) : (
        <Table label="Teams">
          <THead>
            <Th>Team</Th>
            <Th align="right">Members</Th>
            <Th>Roles</Th>
            <Th align="right">Workflows</Th>
            <Th>
              <span className="sr-only">Actions</span>
            </Th>
          </THead>
          <TBody>
            {items.map((t) => (
              <Tr key={t.id}>
                <Td className="min-w-56">
                  <div className="flex items-center gap-2">
                    <Link href={`/settings/teams/${t.id}`} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
                      {t.name}
                    </Link>
                    {t.archivedAt ? <Badge tone="amber">Archived</Badge> : null}
                  </div>
                  <Sub>
                    <span className="font-mono">{t.slug}</span>
                    {t.description ? ` · ${t.description}` : null}
                  </Sub>
                </Td>
                <Td align="right">{formatNumber(t.memberCount)}</Td>
                <Td className="whitespace-nowrap text-xs text-slate-600">
                  {ROLES.filter((r) => t.roleCounts[r] > 0)
                    .map((r) => `${t.roleCounts[r]} ${ROLE_LABELS[r].toLowerCase()}${t.roleCounts[r] === 1 ? "" : "s"}`)
                    .join(" · ") || <span className="text-slate-400">No members</span>}
                </Td>
                <Td align="right">{formatNumber(t.workflowCount)}</Td>
                <Td className="whitespace-nowrap text-right">
                  <div className="flex justify-end gap-2">
                    <Link href={`/settings/teams/${t.id}`} className={BUTTON.small}>
                      <Users aria-hidden="true" className="h-3.5 w-3.5" />
                      Members<span className="sr-only"> of {t.name}</span>
                    </Link>
                    <button type="button" className={BUTTON.small} onClick={() => setEditing({ item: t })}>
                      <Pencil aria-hidden="true" className="h-3.5 w-3.5" />
                      Edit<span className="sr-only"> {t.name}</span>
                    </button>
                    {canManage ? (
                      <button type="button" className={BUTTON.small} onClick={() => (setError(null), setArchiving(t))}>
                        {t.archivedAt ? <ArchiveRestore aria-hidden="true" className="h-3.5 w-3.5" /> : <Archive aria-hidden="true" className="h-3.5 w-3.5" />}
                        {t.archivedAt ? "Restore" : "Archive"}
                        <span className="sr-only"> {t.name}</span>
                      </button>
                    ) : null}
                  </div>
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
      <ModalDialog isOpen={editing !== null} onClose={() => setEditing(null)} title={editing?.item ? `Edit ${editing.item.name}` : "New team"} size="xl">
        {editing ? (
          <TeamForm
            item={editing.item}
            onCancel={() => setEditing(null)}
            onSaved={() => {
              setEditing(null);
              router.refresh();
            }}
          />
        ) : null}
      </ModalDialog>
      <ModalDialog
        isOpen={archiving !== null}
        onClose={() => setArchiving(null)}
        title={isRestoring ? `Restore ${archiving?.name ?? "team"}?` : `Archive ${archiving?.name ?? "team"}?`}
        description={
          isRestoring
            ? "Its members can build and run workflows in it again; its schedules and event triggers start runs again."
            : "Nothing is deleted and its members keep reading everything, but it starts no new runs (manual, webhook, schedule, event) and takes no new workflows or API keys. Runs already queued or running finish; pending approvals can still be decided."
        }
        hasCloseButton={false}
      >
        <FormAlert text={error} />
        <ModalActions
          onCancel={() => setArchiving(null)}
          onConfirm={() => void confirmArchive()}
          confirmLabel={isRestoring ? "Restore team" : "Archive team"}
          pendingLabel={isRestoring ? "Restoring…" : "Archiving…"}
          isPending={isPending}
          tone={isRestoring ? "primary" : "danger"}
        />
      </ModalDialog>
    </>
  );
}
