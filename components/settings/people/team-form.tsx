"use client";

import { useState, type FormEvent } from "react";
import { FIELD } from "@/components/shell/form-styles";
import { ModalActions } from "@/components/shell/modal-dialog";
import { slugFromName, TEAM_DESCRIPTION_MAX, TEAM_NAME_MAX, TEAM_SLUG_MAX, ZTeamCreate, ZTeamUpdate } from "@/server/teams/team-input.shared";
import type { TTeamListItem } from "@/server/settings/settings.shared";
import { createTeam, updateTeam } from "./people-api";
import { Field, fieldAria, FormAlert, useFormSubmit } from "@/components/shell/form-field";

/** Creates a team (item null: name, slug, description) or edits one (name and description; the slug never changes). */
export function TeamForm({ item, onCancel, onSaved }: { item: TTeamListItem | null; onCancel: () => void; onSaved: () => void }) {
  const [name, setName] = useState(item?.name ?? "");
  const [slug, setSlug] = useState("");
  const [description, setDescription] = useState(item?.description ?? "");
  const form = useFormSubmit(["name", "slug", "description"]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (item) {
      const body = { name, description };
      void form.submit(ZTeamUpdate, body, async () => (await updateTeam(item.id, body), onSaved()));
    } else {
      const body = { name, description, ...(slug.trim() ? { slug: slug.trim() } : {}) };
      void form.submit(ZTeamCreate, body, async () => (await createTeam(body), onSaved()));
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <Field id="team-name" label="Name" error={form.issueFor("name")}>
        <input {...fieldAria("team-name", form.issueFor("name"))} value={name} maxLength={TEAM_NAME_MAX + 20} onChange={(e) => setName(e.target.value)} className={FIELD} />
      </Field>
      {item ? (
        <p className="text-sm text-slate-500">
          Slug <span className="font-mono text-slate-700">{item.slug}</span> (it never changes: configuration such as OIDC_DEFAULT_TEAM names the team by it).
        </p>
      ) : (
        <Field id="team-slug" label="Slug (optional)" error={form.issueFor("slug")} hint={`Left empty: ${slugFromName(name || "team")}, numbered if taken. It never changes later.`}>
          <input {...fieldAria("team-slug", form.issueFor("slug"))} value={slug} maxLength={TEAM_SLUG_MAX + 10} placeholder={slugFromName(name || "team")} onChange={(e) => setSlug(e.target.value)} className={`${FIELD} font-mono`} />
        </Field>
      )}
      <Field id="team-description" label="Description (optional)" error={form.issueFor("description")}>
        <textarea {...fieldAria("team-description", form.issueFor("description"))} value={description} rows={3} maxLength={TEAM_DESCRIPTION_MAX + 20} onChange={(e) => setDescription(e.target.value)} className={FIELD} />
      </Field>
      <FormAlert text={form.alert} />
      <ModalActions onCancel={onCancel} confirmLabel={item ? "Save team" : "Create team"} pendingLabel="Saving…" isPending={form.isPending} />
    </form>
  );
}
