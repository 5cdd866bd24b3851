"use client";

import { useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { UserMinus, UserPlus } from "lucide-react";
import { Badge, FlagBadge } from "@/components/shell/badge";
import { Table, TBody, THead, Td, Th, Tr } from "@/components/shell/data-table";
import { BUTTON, FIELD } from "@/components/shell/form-styles";
import { ModalActions, ModalDialog } from "@/components/shell/modal-dialog";
import { ROLE_LABELS, type TRole } from "@/server/auth/permissions";
import { ROLE_OPTIONS, ZMemberAdd } from "@/server/teams/team-input.shared";
import type { TTeamDetail, TTeamMember } from "@/server/teams/teams.shared";
import { Field, fieldAria, FormAlert, useFormSubmit } from "@/components/shell/form-field";
import { addMember, changeRole, removeMember } from "./people-api";

/**
 * A role picker that saves on change; stepping down from admin oneself is confirmed first (it ends one's
 * administration of the team). A refusal (the team's last admin) is shown under it and the old role kept.
 */
function RoleSelect({ teamId, teamName, member, isSelf, onLeftAdmin }: { teamId: string; teamName: string; member: TTeamMember; isSelf: boolean; onLeftAdmin: () => void }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [isPending, setIsPending] = useState(false);
  const [confirming, setConfirming] = useState<TRole | null>(null);
  const id = `role-${member.userId}`;

  async function save(role: TRole) {
    setConfirming(null);
    setError(null);
    setIsPending(true);
    try {
      await changeRole(teamId, member.userId, role);
      if (isSelf && member.role === "admin" && role !== "admin") onLeftAdmin();
      else router.refresh();
    } catch (e) {
      setError(e instanceof Error ? e.message : "The role could not be changed.");
    } finally {
      setIsPending(false);
    }
  }

  function onChange(role: TRole) {
    if (isSelf && member.role === "admin" && role !== "admin") setConfirming(role);
    else void save(role);
  }

  return (
    <div className="max-w-xs">
      <label htmlFor={id} className="sr-only">
        Role of {member.name}
      </label>
      <select {...fieldAria(id, error ?? undefined)} value={member.role} disabled={isPending} onChange={(e) => onChange(e.target.value as TRole)} className={`${FIELD} mt-0`}>
        {ROLE_OPTIONS.map((r) => (
          <option key={r.value} value={r.value}>
            {r.label}
          </option>
        ))}
      </select>
      {error ? (
        <p id={`${id}-error`} role="alert" className="mt-1 text-xs text-red-700">
          {error}
        </p>
      ) : null}
      <ModalDialog
        isOpen={confirming !== null}
        onClose={() => setConfirming(null)}
        title={`Step down as admin of ${teamName}?`}
        description={`You become ${confirming ? ROLE_LABELS[confirming].toLowerCase() : ""} in this team and can no longer manage its members or settings (unless you are an organisation admin).`}
        hasCloseButton={false}
      >
        <ModalActions onCancel={() => setConfirming(null)} onConfirm={() => confirming && void save(confirming)} confirmLabel="Step down" pendingLabel="Saving…" isPending={isPending} tone="danger" />
      </ModalDialog>
    </div>
  );
}

function AddMemberForm({ detail, onCancel, onSaved }: { detail: TTeamDetail; onCancel: () => void; onSaved: () => void }) {
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<TRole>("viewer");
  const form = useFormSubmit(["email", "role"]);
  const listId = "member-candidates";

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const body = { email, role };
    void form.submit(ZMemberAdd, body, async () => (await addMember(detail.team.id, body), onSaved()));
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <Field
        id="member-email"
        label="Email"
        error={form.issueFor("email")}
        hint={detail.candidates.length > 0 ? "Type to pick someone who is not in the team yet." : "The person needs an account: an organisation admin creates it in Settings → Users."}
      >
        <input {...fieldAria("member-email", form.issueFor("email"))} type="email" list={detail.candidates.length > 0 ? listId : undefined} value={email} onChange={(e) => setEmail(e.target.value)} className={FIELD} autoComplete="off" />
      </Field>
      {detail.candidates.length > 0 ? (
        <datalist id={listId}>
          {detail.candidates.map((c) => (
            <option key={c.id} value={c.email}>
              {c.name}
            </option>
          ))}
        </datalist>
      ) : null}
      <Field id="member-role" label="Role" error={form.issueFor("role")}>
        <select {...fieldAria("member-role", form.issueFor("role"))} value={role} onChange={(e) => setRole(e.target.value as TRole)} className={FIELD}>
          {ROLE_OPTIONS.map((r) => (
            <option key={r.value} value={r.value}>
              {r.label}
            </option>
          ))}
        </select>
      </Field>
      <FormAlert text={form.alert} />
      <ModalActions onCancel={onCancel} confirmLabel="Add to team" pendingLabel="Adding…" isPending={form.isPending} />
    </form>
  );
}

/** Settings → Teams → a team: its members and their roles, for the team's admins and the organisation admin. */
export function TeamMembersAdmin({ detail, currentUserId, isOrgAdmin }: { detail: TTeamDetail; currentUserId: string; isOrgAdmin: boolean }) {
  const router = useRouter();
  const [isAdding, setIsAdding] = useState(false);
  const [removing, setRemoving] = useState<TTeamMember | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isPending, setIsPending] = useState(false);
  const { team, members } = detail;
  // Stepping down or leaving ends one's administration of the team (an organisation admin keeps it): leave its page.
  const leftAdmin = () => (isOrgAdmin ? router.refresh() : router.push("/"));

  async function confirmRemove() {
    if (!removing) return;
    setIsPending(true);
    try {
      await removeMember(team.id, removing.userId);
      setRemoving(null);
      if (removing.userId === currentUserId) leftAdmin();
      else router.refresh();
    } catch (e) {
      setError(e instanceof Error ? e.message : "The member could not be removed.");
    } finally {
      setIsPending(false);
    }
  }

  return (
    <>
      <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-slate-600">
          A team that has an admin keeps at least one: make someone else admin before the last one steps down.
        </p>
        <button type="button" className={BUTTON.primary} onClick={() => setIsAdding(true)}>
          <UserPlus aria-hidden="true" className="h-4 w-4" />
          Add person
        </button>
      </div>
      {members.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-8 text-center text-sm text-slate-500">No members yet.</p>
      ) : (
        <Table label={`Members of ${team.name}`}>
          <THead>
            <Th>Person</Th>
            <Th>Role</Th>
            <Th>State</Th>
            <Th>
              <span className="sr-only">Actions</span>
            </Th>
          </THead>
          <TBody>
            {members.map((m) => (
              <Tr key={m.userId}>
                <Td className="min-w-56">
                  <div className="font-medium text-slate-900">
                    {m.name}
                    {m.userId === currentUserId ? <span className="ml-1 text-xs font-normal text-slate-500">(you)</span> : null}
                  </div>
                  <div className="text-xs text-slate-500">{m.email}</div>
                </Td>
                <Td>
                  <RoleSelect teamId={team.id} teamName={team.name} member={m} isSelf={m.userId === currentUserId} onLeftAdmin={leftAdmin} />
                </Td>
                <Td>
                  <div className="flex flex-wrap gap-1">
                    <FlagBadge isOn={m.isActive} on="Active" off="Disabled" />
                    {m.hasSso ? <Badge tone="sky">SSO</Badge> : null}
                  </div>
                </Td>
                <Td className="text-right">
                  <button type="button" className={BUTTON.small} onClick={() => (setError(null), setRemoving(m))}>
                    <UserMinus aria-hidden="true" className="h-3.5 w-3.5" />
                    Remove<span className="sr-only"> {m.name}</span>
                  </button>
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
      <ModalDialog isOpen={isAdding} onClose={() => setIsAdding(false)} title={`Add a person to ${team.name}`} description="They get the role's rights in this team at their next request.">
        {isAdding ? (
          <AddMemberForm
            detail={detail}
            onCancel={() => setIsAdding(false)}
            onSaved={() => {
              setIsAdding(false);
              router.refresh();
            }}
          />
        ) : null}
      </ModalDialog>
      <ModalDialog
        isOpen={removing !== null}
        onClose={() => setRemoving(null)}
        title={removing?.userId === currentUserId ? `Leave ${team.name}?` : `Remove ${removing?.name ?? "member"} from ${team.name}?`}
        description={
          removing
            ? `${removing.userId === currentUserId ? "You lose" : "They lose"} the ${ROLE_LABELS[removing.role].toLowerCase()} role in this team at the next request. The account and everything it did stay.`
            : undefined
        }
        hasCloseButton={false}
      >
        <FormAlert text={error} />
        <ModalActions onCancel={() => setRemoving(null)} onConfirm={() => void confirmRemove()} confirmLabel="Remove" pendingLabel="Removing…" isPending={isPending} tone="danger" />
      </ModalDialog>
    </>
  );
}
