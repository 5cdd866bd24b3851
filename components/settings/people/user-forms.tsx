"use client";

import { useState, type FormEvent } from "react";
import { FIELD } from "@/components/shell/form-styles";
import { ModalActions } from "@/components/shell/modal-dialog";
import type { TRole } from "@/server/auth/permissions";
import type { TUserListItem } from "@/server/settings/settings.shared";
import { ROLE_OPTIONS } from "@/server/teams/team-input.shared";
import {
  CREDENTIAL_KINDS,
  CREDENTIAL_LABELS,
  SIGN_IN_LINK_HOURS,
  ZUserCreate,
  ZUserUpdate,
  type TCredentialKind,
  type TOneTimeSecret,
} from "@/server/users/user-input.shared";
import { Field, fieldAria, FormAlert, useFormSubmit } from "@/components/shell/form-field";
import { createUser, updateUser } from "./people-api";

export type TTeamChoice = { id: string; name: string };

const CREDENTIAL_HINTS: Record<TCredentialKind, string> = {
  one_time_password: "You hand it over; at their first sign-in they must choose their own.",
  sign_in_link: `Works once within ${SIGN_IN_LINK_HOURS} hours; then they choose their own password.`,
};

function CredentialChoice({ value, onChange, error }: { value: TCredentialKind; onChange: (v: TCredentialKind) => void; error?: string }) {
  return (
    <fieldset>
      <legend className="text-sm font-medium text-slate-700">First sign-in with</legend>
      <div className="mt-1 space-y-2">
        {CREDENTIAL_KINDS.map((kind) => (
          <label key={kind} className="flex items-start gap-2 text-sm">
            <input type="radio" name="credential" value={kind} checked={value === kind} onChange={() => onChange(kind)} className="mt-0.5" />
            <span>
              <span className="font-medium text-slate-800">{CREDENTIAL_LABELS[kind]}</span>
              <span className="block text-xs text-slate-500">{CREDENTIAL_HINTS[kind]}</span>
            </span>
          </label>
        ))}
      </div>
      {error ? <p className="mt-1 text-xs text-red-700">{error}</p> : null}
    </fieldset>
  );
}

/** A new person: name, email, their first team and role, and a one-time password or sign-in link. */
export function NewUserForm({ teams, onCancel, onCreated }: { teams: TTeamChoice[]; onCancel: () => void; onCreated: (email: string, secret: TOneTimeSecret) => void }) {
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [teamId, setTeamId] = useState(teams[0]?.id ?? "");
  const [role, setRole] = useState<TRole>("viewer");
  const [credential, setCredential] = useState<TCredentialKind>("one_time_password");
  const form = useFormSubmit(["name", "email", "teamId", "role", "credential"]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const body = { name, email, teamId, role, credential };
    void form.submit(ZUserCreate, body, async () => {
      const created = await createUser(body);
      onCreated(created.user.email, created.secret);
    });
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="user-name" label="Name" error={form.issueFor("name")}>
          <input {...fieldAria("user-name", form.issueFor("name"))} value={name} onChange={(e) => setName(e.target.value)} className={FIELD} autoComplete="off" />
        </Field>
        <Field id="user-email" label="Email" error={form.issueFor("email")}>
          <input {...fieldAria("user-email", form.issueFor("email"))} type="email" value={email} onChange={(e) => setEmail(e.target.value)} className={FIELD} autoComplete="off" />
        </Field>
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="user-team" label="Team" error={form.issueFor("teamId")} hint={teams.length === 0 ? "Create a team first (archived teams take no new people)." : undefined}>
          <select {...fieldAria("user-team", form.issueFor("teamId"))} value={teamId} onChange={(e) => setTeamId(e.target.value)} className={FIELD}>
            {teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </Field>
        <Field id="user-role" label="Role" error={form.issueFor("role")}>
          <select {...fieldAria("user-role", form.issueFor("role"))} value={role} onChange={(e) => setRole(e.target.value as TRole)} className={FIELD}>
            {ROLE_OPTIONS.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <CredentialChoice value={credential} onChange={setCredential} error={form.issueFor("credential")} />
      <FormAlert text={form.alert} />
      <ModalActions onCancel={onCancel} confirmLabel="Create user" pendingLabel="Creating…" isPending={form.isPending} />
    </form>
  );
}

/** Name, email and the organisation admin role of an account; only what changed is sent. */
export function EditUserForm({ item, onCancel, onSaved }: { item: TUserListItem; onCancel: () => void; onSaved: () => void }) {
  const [name, setName] = useState(item.name);
  const [email, setEmail] = useState(item.email);
  const [isOrgAdmin, setIsOrgAdmin] = useState(item.isOrgAdmin);
  const form = useFormSubmit(["name", "email", "isOrgAdmin"]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const body = {
      ...(name !== item.name ? { name } : {}),
      ...(email.trim().toLowerCase() !== item.email ? { email } : {}),
      ...(isOrgAdmin !== item.isOrgAdmin ? { isOrgAdmin } : {}),
    };
    if (Object.keys(body).length === 0) return onCancel();
    void form.submit(ZUserUpdate, body, async () => (await updateUser(item.id, body), onSaved()));
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <Field id="edit-user-name" label="Name" error={form.issueFor("name")}>
        <input {...fieldAria("edit-user-name", form.issueFor("name"))} value={name} onChange={(e) => setName(e.target.value)} className={FIELD} />
      </Field>
      <Field id="edit-user-email" label="Email" error={form.issueFor("email")} hint="They sign in with it; an SSO account is matched by it the first time.">
        <input {...fieldAria("edit-user-email", form.issueFor("email"))} type="email" value={email} onChange={(e) => setEmail(e.target.value)} className={FIELD} />
      </Field>
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" checked={isOrgAdmin} onChange={(e) => setIsOrgAdmin(e.target.checked)} className="mt-0.5" />
        <span>
          <span className="font-medium text-slate-800">Organisation admin</span>
          <span className="block text-xs text-slate-500">
            Engine, network, providers, models, every team and person, every team&apos;s audit. The organisation always keeps one.
          </span>
        </span>
      </label>
      <FormAlert text={form.alert} />
      <ModalActions onCancel={onCancel} confirmLabel="Save" pendingLabel="Saving…" isPending={form.isPending} />
    </form>
  );
}

/** Replaces the password with a new one-time password or sign-in link (ending every session of the person). */
export function ResetCredentialForm({ item, onCancel, onIssued }: { item: TUserListItem; onCancel: () => void; onIssued: (secret: TOneTimeSecret) => void }) {
  const [credential, setCredential] = useState<TCredentialKind>("one_time_password");
  const form = useFormSubmit(["issueCredential"]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const body = { issueCredential: credential };
    void form.submit(ZUserUpdate, body, async () => {
      const answer = await updateUser(item.id, body);
      if (answer.secret) onIssued(answer.secret);
    });
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <CredentialChoice value={credential} onChange={setCredential} error={form.issueFor("issueCredential")} />
      <FormAlert text={form.alert} />
      <ModalActions onCancel={onCancel} confirmLabel="Reset password" pendingLabel="Resetting…" isPending={form.isPending} tone="danger" />
    </form>
  );
}
