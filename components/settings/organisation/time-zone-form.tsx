"use client";

import { useState, type FormEvent } from "react";
import { ApiRequestError, request } from "@/components/shell/api-client";
import { BUTTON, FIELD, LABEL } from "@/components/shell/form-styles";
import type { TOrganisationSettings } from "@/server/settings/organisation-settings.shared";

type TProps = {
  initial: TOrganisationSettings;
  /** The zones this server knows (Intl), UTC first. */
  zones: string[];
  /** How long a process keeps the zone before reading it again (server/budgets/org-time-zone.ts). */
  cacheSeconds: number;
  canWrite: boolean;
};

/** Settings → Organisation → Time zone: the zone budget periods follow. */
export function TimeZoneForm({ initial, zones, cacheSeconds, canWrite }: TProps) {
  const [saved, setSaved] = useState(initial);
  const [zone, setZone] = useState(initial.timeZone);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  const options = zones.includes(saved.timeZone) ? zones : [saved.timeZone, ...zones];

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setIsSaving(true);
    setError(null);
    setNotice(null);
    try {
      const next = await request<TOrganisationSettings>("/api/settings/organisation", { method: "PUT", body: { timeZone: zone } });
      setNotice(next.timeZone === saved.timeZone && saved.isTimeZoneSet ? "Nothing changed: this zone was already saved." : `Time zone saved: ${next.timeZone}.`);
      setSaved(next);
      setZone(next.timeZone);
    } catch (e) {
      setError(e instanceof ApiRequestError ? (e.issueFor("timeZone") ?? e.message) : e instanceof Error ? e.message : "Saving failed. Try again.");
    } finally {
      setIsSaving(false);
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <div className="max-w-2xl space-y-3 text-sm text-slate-600">
        <p>
          Budget periods start at midnight in this zone: a daily budget at 00:00, a weekly one on Monday at 00:00, a monthly one on the 1st at 00:00
          {saved.isTimeZoneSet ? "." : ". None has been set yet, so periods follow UTC."}
        </p>
        <p>
          A change applies to model calls within {cacheSeconds} seconds: every web and worker process keeps the zone that long before reading it
          again (the web process that saves it, at once). Each budget&apos;s current period is then bounded in the new zone and its spent summed again from
          the usage ledger, so the period in progress gets longer or shorter once; a budget already past its warning share or its amount records that
          alert again, for the period as newly bounded, at its next call. Calls in flight at the change are not shown as reserved in the new period;
          what they cost counts once they finish.
        </p>
      </div>
      <div className="mt-4 max-w-sm">
        <label htmlFor="org-time-zone" className={LABEL}>
          Time zone
        </label>
        <select
          id="org-time-zone"
          value={zone}
          disabled={!canWrite || isSaving}
          onChange={(e) => setZone(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "org-time-zone-error" : undefined}
          className={FIELD}
        >
          {options.map((z) => (
            <option key={z} value={z}>
              {z}
            </option>
          ))}
        </select>
        {error ? (
          <p id="org-time-zone-error" role="alert" className="mt-1 text-sm text-red-700">
            {error}
          </p>
        ) : null}
      </div>
      <div className="mt-5 flex flex-wrap items-center gap-3 border-t border-slate-100 pt-4">
        {canWrite ? (
          <button type="submit" disabled={isSaving} className={BUTTON.primary}>
            {isSaving ? "Saving…" : "Save time zone"}
          </button>
        ) : (
          <p className="text-sm text-slate-500">Only organisation admins can change it.</p>
        )}
        <p role="status" className="text-sm text-slate-500">
          {zone !== saved.timeZone ? "Unsaved change" : notice ? <span className="font-medium text-emerald-700">{notice}</span> : "Changes are recorded in the audit trail."}
        </p>
      </div>
    </form>
  );
}
