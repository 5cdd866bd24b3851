"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { KeyRound, Pencil, Plus, UserCheck, UserX } from "lucide-react";
import { Badge, FlagBadge } from "@/components/shell/badge";
import { Table, TBody, THead, Td, Th, Tr } from "@/components/shell/data-table";
import { DateTime } from "@/components/shell/date-time";
import { BUTTON } from "@/components/shell/form-styles";
import { ModalActions, ModalDialog } from "@/components/shell/modal-dialog";
import { ROLE_LABELS } from "@/server/auth/permissions";
import type { TUserListItem } from "@/server/settings/settings.shared";
import type { TOneTimeSecret } from "@/server/users/user-input.shared";
import { FormAlert } from "@/components/shell/form-field";
import { OneTimeSecret } from "./one-time-secret";
import { updateUser } from "./people-api";
import { EditUserForm, NewUserForm, ResetCredentialForm, type TTeamChoice } from "./user-forms";

type TDialog =
  | { kind: "new" }
  | { kind: "edit"; item: TUserListItem }
  | { kind: "reset"; item: TUserListItem }
  | { kind: "active"; item: TUserListItem }
  | { kind: "secret"; email: string; secret: TOneTimeSecret };

function credentialState(u: TUserListItem, now: number) {
  if (u.pendingLinkExpiresAt) {
    return new Date(u.pendingLinkExpiresAt).getTime() > now ? (
      <Badge tone="amber">
        Sign-in link until <DateTime value={u.pendingLinkExpiresAt} />
      </Badge>
    ) : (
      <Badge tone="red">Sign-in link expired</Badge>
    );
  }
  return u.isPasswordChangeRequired ? <Badge tone="amber">Must choose a password</Badge> : null;
}

/**
 * Settings → Users. Organisation admins create people (shown their one-time password or link once), edit them, reset
 * their password, disable and enable them; team admins see their teams' members (roles are changed on the team's page).
 */
export function UsersAdmin({ items, canManage, teams, currentUserId }: { items: TUserListItem[]; canManage: boolean; teams: TTeamChoice[]; currentUserId: string }) {
  const router = useRouter();
  const [dialog, setDialog] = useState<TDialog | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isPending, setIsPending] = useState(false);
  const [now] = useState(() => Date.now());
  const close = () => setDialog(null);
  const saved = () => (close(), router.refresh());

  async function toggleActive(item: TUserListItem) {
    setIsPending(true);
    try {
      await updateUser(item.id, { isActive: !item.isActive });
      saved();
    } catch (e) {
      setError(e instanceof Error ? e.message : "The account could not be changed.");
    } finally {
      setIsPending(false);
    }
  }

  const titles: Record<TDialog["kind"], string> = {
    new: "New user",
    edit: dialog?.kind === "edit" ? `Edit ${dialog.item.name}` : "",
    reset: dialog?.kind === "reset" ? `Reset the password of ${dialog.item.name}?` : "",
    active: dialog?.kind === "active" ? `${dialog.item.isActive ? "Disable" : "Enable"} ${dialog.item.name}?` : "",
    secret: dialog?.kind === "secret" ? `One-time credential for ${dialog.email}` : "",
  };
  const descriptions: Partial<Record<TDialog["kind"], string>> = {
    new: "No email is sent: you are shown a one-time password or sign-in link once, to hand over yourself.",
    reset: "Their password stops working and every session of theirs ends now. You are shown the new one-time credential once.",
    active:
      dialog?.kind === "active" && dialog.item.isActive
        ? "Their sessions end at their next request and sign-in is refused (\u201cThis account is disabled\u201d). Their teams, roles and history stay; you can enable the account again."
        : "They can sign in again (sessions from before the disabling stay ended).",
  };

  return (
    <>
      {canManage ? (
        <div className="mb-3 flex justify-end">
          <button type="button" className={BUTTON.primary} onClick={() => setDialog({ kind: "new" })}>
            <Plus aria-hidden="true" className="h-4 w-4" />
            New user
          </button>
        </div>
      ) : (
        <p className="mb-3 text-sm text-slate-600">Roles in your teams are changed on each team&apos;s page (Settings → Teams); accounts are managed by organisation admins.</p>
      )}
      <Table label="Users">
        <THead>
          <Th>User</Th>
          <Th>Teams and roles</Th>
          <Th>State</Th>
          <Th>Last sign-in</Th>
          {canManage ? (
            <Th>
              <span className="sr-only">Actions</span>
            </Th>
          ) : null}
        </THead>
        <TBody>
          {items.map((u) => (
            <Tr key={u.id}>
              <Td className="min-w-56">
                <div className="font-medium text-slate-900">
                  {u.name}
                  {u.id === currentUserId ? <span className="ml-1 text-xs font-normal text-slate-500">(you)</span> : null}
                </div>
                <div className="text-xs text-slate-500">{u.email}</div>
              </Td>
              <Td>
                {u.memberships.length === 0 ? (
                  <span className="text-slate-400">No team</span>
                ) : (
                  <ul className="space-y-1">
                    {u.memberships.map((m) => (
                      <li key={m.teamId} className="flex items-center gap-2 whitespace-nowrap">
                        <span className={m.isTeamArchived ? "text-slate-400" : undefined}>
                          {m.teamName}
                          {m.isTeamArchived ? " (archived)" : ""}
                        </span>
                        <Badge tone={m.role === "admin" ? "violet" : "slate"}>{ROLE_LABELS[m.role]}</Badge>
                      </li>
                    ))}
                  </ul>
                )}
              </Td>
              <Td>
                <div className="flex flex-wrap gap-1">
                  <FlagBadge isOn={u.isActive} on="Active" off="Disabled" />
                  {u.isOrgAdmin ? <Badge tone="violet">Organisation admin</Badge> : null}
                  {u.hasSso ? <Badge tone="sky">SSO</Badge> : null}
                  {credentialState(u, now)}
                </div>
              </Td>
              <Td>{u.lastSignInAt ? <DateTime value={u.lastSignInAt} /> : <span className="text-slate-400">Never</span>}</Td>
              {canManage ? (
                <Td className="text-right">
                  {/* Wraps rather than scroll sideways at 1280 px. */}
                  <div className="ml-auto flex max-w-64 flex-wrap justify-end gap-2">
                    <button type="button" className={BUTTON.small} onClick={() => setDialog({ kind: "edit", item: u })}>
                      <Pencil aria-hidden="true" className="h-3.5 w-3.5" />
                      Edit<span className="sr-only"> {u.name}</span>
                    </button>
                    {u.id === currentUserId ? null : (
                      <>
                        <button type="button" className={BUTTON.small} disabled={!u.isActive} title={u.isActive ? undefined : "Enable the account first"} onClick={() => setDialog({ kind: "reset", item: u })}>
                          <KeyRound aria-hidden="true" className="h-3.5 w-3.5" />
                          Reset password<span className="sr-only"> of {u.name}</span>
                        </button>
                        <button type="button" className={BUTTON.small} onClick={() => (setError(null), setDialog({ kind: "active", item: u }))}>
                          {u.isActive ? <UserX aria-hidden="true" className="h-3.5 w-3.5" /> : <UserCheck aria-hidden="true" className="h-3.5 w-3.5" />}
                          {u.isActive ? "Disable" : "Enable"}
                          <span className="sr-only"> {u.name}</span>
                        </button>
                      </>
                    )}
                  </div>
                </Td>
              ) : null}
            </Tr>
          ))}
        </TBody>
      </Table>
      <ModalDialog
        isOpen={dialog !== null}
        onClose={() => (dialog?.kind === "secret" ? saved() : close())}
        title={dialog ? titles[dialog.kind] : ""}
        description={dialog ? descriptions[dialog.kind] : undefined}
        size={dialog?.kind === "new" || dialog?.kind === "secret" ? "xl" : "lg"}
        hasCloseButton={dialog?.kind !== "active"}
      >
        {dialog?.kind === "new" ? <NewUserForm teams={teams} onCancel={close} onCreated={(email, secret) => setDialog({ kind: "secret", email, secret })} /> : null}
        {dialog?.kind === "edit" ? <EditUserForm item={dialog.item} onCancel={close} onSaved={saved} /> : null}
        {dialog?.kind === "reset" ? <ResetCredentialForm item={dialog.item} onCancel={close} onIssued={(secret) => setDialog({ kind: "secret", email: dialog.item.email, secret })} /> : null}
        {dialog?.kind === "active" ? (
          <>
            <FormAlert text={error} />
            <ModalActions
              onCancel={close}
              onConfirm={() => void toggleActive(dialog.item)}
              confirmLabel={dialog.item.isActive ? "Disable account" : "Enable account"}
              pendingLabel="Saving…"
              isPending={isPending}
              tone={dialog.item.isActive ? "danger" : "primary"}
            />
          </>
        ) : null}
        {dialog?.kind === "secret" ? (
          <>
            <OneTimeSecret secret={dialog.secret} email={dialog.email} />
            <div className="mt-6 flex justify-end">
              <button type="button" className={BUTTON.primary} onClick={saved}>
                Done
              </button>
            </div>
          </>
        ) : null}
      </ModalDialog>
    </>
  );
}
