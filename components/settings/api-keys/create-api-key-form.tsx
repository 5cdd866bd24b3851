"use client";

import { useState, type FormEvent } from "react";
import { ApiRequestError, request } from "@/components/shell/api-client";
import { FIELD, LABEL } from "@/components/shell/form-styles";
import { ModalActions } from "@/components/shell/modal-dialog";
import { API_KEY_SCOPES, API_KEY_SCOPE_INFO, type TApiKeyScope } from "@/server/auth/api-key-scopes.shared";
import { API_KEY_NAME_MAX, type TApiKeyTeamOption, type TCreatedApiKey } from "@/server/api-keys/api-key.shared";

const EXPIRY_CHOICES = { "30": "In 30 days", "90": "In 90 days", "365": "In a year", never: "Never", date: "On a date…" } as const;
type TExpiryChoice = keyof typeof EXPIRY_CHOICES;

const DAY_MS = 24 * 60 * 60 * 1000;

/** The expiry the API takes: an ISO time, null for never, or undefined when the chosen date is missing. */
function expiresAtOf(choice: TExpiryChoice, date: string): string | null | undefined {
  if (choice === "never") return null;
  // A chosen date means the end of that day in the browser's time zone.
  if (choice === "date") return date ? new Date(`${date}T23:59:59`).toISOString() : undefined;
  return new Date(Date.now() + Number(choice) * DAY_MS).toISOString();
}

/** Why a scope's box is disabled for this team, when it is. */
function unavailableReason(scope: TApiKeyScope): string {
  switch (scope) {
    case "admin":
      return "Only the team's admins and organisation admins may give this scope.";
    case "runs:write":
      return "You may not run this team's workflows yourself.";
    case "workflows:read":
      return "You may not read this team's workflows yourself.";
    case "gateway":
      return "You may not manage this team's keys.";
  }
}

type TProps = { teams: TApiKeyTeamOption[]; onCancel: () => void; onCreated: (created: TCreatedApiKey) => void };

export function CreateApiKeyForm({ teams, onCancel, onCreated }: TProps) {
  const [name, setName] = useState("");
  const [teamId, setTeamId] = useState(teams[0]?.id ?? "");
  const [scopes, setScopes] = useState<TApiKeyScope[]>([]);
  const [expiry, setExpiry] = useState<TExpiryChoice>("90");
  const [date, setDate] = useState("");
  const [error, setError] = useState<ApiRequestError | null>(null);
  const [isPending, setIsPending] = useState(false);
  const team = teams.find((t) => t.id === teamId);
  const grantable = team?.grantableScopes ?? [];

  function toggle(scope: TApiKeyScope, isOn: boolean) {
    setScopes((current) => (isOn ? [...current, scope] : current.filter((s) => s !== scope)));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const expiresAt = expiresAtOf(expiry, date);
    if (expiresAt === undefined) {
      setError(new ApiRequestError(400, "Choose the day the key expires.", { issues: [{ path: "expiresAt", message: "Choose a day." }] }));
      return;
    }
    setIsPending(true);
    setError(null);
    try {
      const body = { name, teamId, scopes: scopes.filter((s) => grantable.includes(s)), expiresAt };
      onCreated(await request<TCreatedApiKey>("/api/api-keys", { method: "POST", body }));
    } catch (e) {
      setError(e instanceof ApiRequestError ? e : new ApiRequestError(0, "The key could not be created. Try again."));
    } finally {
      setIsPending(false);
    }
  }

  const issue = (path: string) => error?.issueFor(path) ?? error?.issues.find((i) => i.path.startsWith(`${path}.`))?.message;
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <label htmlFor="api-key-name" className={LABEL}>
        Name
      </label>
      <input
        id="api-key-name"
        className={FIELD}
        value={name}
        maxLength={API_KEY_NAME_MAX}
        onChange={(e) => setName(e.target.value)}
        placeholder="e.g. Ticketing system"
        aria-invalid={issue("name") ? true : undefined}
        data-autofocus
      />
      {issue("name") ? <p className="mt-1 text-xs text-red-700">{issue("name")}</p> : null}

      <label htmlFor="api-key-team" className={`${LABEL} mt-4`}>
        Team
      </label>
      <select id="api-key-team" className={FIELD} value={teamId} onChange={(e) => setTeamId(e.target.value)}>
        {teams.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name}
          </option>
        ))}
      </select>
      {issue("teamId") ? <p className="mt-1 text-xs text-red-700">{issue("teamId")}</p> : null}
      <p className="mt-1 text-xs text-slate-500">The key acts in this team only, and never beyond what you may do there yourself.</p>

      <fieldset className="mt-4" aria-invalid={issue("scopes") ? true : undefined}>
        <legend className={LABEL}>Scopes</legend>
        <ul className="mt-1 space-y-2">
          {API_KEY_SCOPES.map((scope) => {
            const isAvailable = grantable.includes(scope);
            return (
              <li key={scope}>
                <label className={`flex gap-2 text-sm ${isAvailable ? "text-slate-800" : "text-slate-400"}`}>
                  <input
                    type="checkbox"
                    className="mt-0.5"
                    checked={isAvailable && scopes.includes(scope)}
                    disabled={!isAvailable}
                    onChange={(e) => toggle(scope, e.target.checked)}
                    aria-describedby={`api-key-scope-${scope}`}
                  />
                  <span>
                    <span className="font-mono text-xs font-medium">{API_KEY_SCOPE_INFO[scope].label}</span>
                    <span id={`api-key-scope-${scope}`} className="block text-xs text-slate-500">
                      {API_KEY_SCOPE_INFO[scope].description}
                      {isAvailable ? "" : ` ${unavailableReason(scope)}`}
                    </span>
                  </span>
                </label>
              </li>
            );
          })}
        </ul>
        {issue("scopes") ? <p className="mt-1 text-xs text-red-700">{issue("scopes")}</p> : null}
      </fieldset>

      <label htmlFor="api-key-expiry" className={`${LABEL} mt-4`}>
        Expires
      </label>
      <select id="api-key-expiry" className={FIELD} value={expiry} onChange={(e) => setExpiry(e.target.value as TExpiryChoice)}>
        {(Object.keys(EXPIRY_CHOICES) as TExpiryChoice[]).map((c) => (
          <option key={c} value={c}>
            {EXPIRY_CHOICES[c]}
          </option>
        ))}
      </select>
      {expiry === "date" ? (
        <input
          type="date"
          aria-label="Expiry date"
          className={FIELD}
          value={date}
          onChange={(e) => setDate(e.target.value)}
          aria-invalid={issue("expiresAt") ? true : undefined}
        />
      ) : null}
      {issue("expiresAt") ? <p className="mt-1 text-xs text-red-700">{issue("expiresAt")}</p> : null}

      {error ? (
        <p role="alert" className="mt-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {error.message}
        </p>
      ) : null}
      <ModalActions onCancel={onCancel} confirmLabel="Create key" pendingLabel="Creating…" isPending={isPending} />
    </form>
  );
}
