"use client";

import { useState, type FormEvent } from "react";
import { ApiRequestError, request } from "@/components/shell/api-client";
import { FIELD, LABEL } from "@/components/shell/form-styles";
import { ModalActions } from "@/components/shell/modal-dialog";
import {
  ACTION_LABELS,
  BUDGET_ACTIONS,
  BUDGET_PERIODS,
  BUDGET_SCOPES,
  PERIOD_LABELS,
  SCOPE_LABELS,
  ZBudgetInput,
  type TBudgetFormOptions,
  type TBudgetInput,
  type TBudgetScope,
} from "@/server/budgets/budget-input.shared";
import type { TErrorIssue } from "@/server/errors";
import { zodIssues } from "@/server/shared/zod-issue-message.shared";
import type { TBudgetListItem } from "@/server/policies/policy-list.shared";

type TDraft = {
  name: string;
  scope: TBudgetScope;
  teamId: string;
  targetId: string;
  period: TBudgetInput["period"];
  amountUsd: string;
  warnPercent: string;
  onExceeded: TBudgetInput["onExceeded"];
  downgradeTo: string;
};

const NO_TEAM = "";

const SCOPE_CHOICES: Record<TBudgetScope, string> = {
  org: "The whole organisation",
  team: "A team",
  workflow: "A workflow",
  api_key: "An API key",
  agent: "An agent",
  user: "A person",
};

function draftOf(item: TBudgetListItem | null, options: TBudgetFormOptions): TDraft {
  if (item) {
    return {
      name: item.name,
      scope: item.scope,
      teamId: item.teamId ?? NO_TEAM,
      targetId: item.targetId ?? "",
      period: item.period,
      amountUsd: item.amountUsd,
      warnPercent: String(Math.round(item.warnAt * 1000) / 10),
      onExceeded: item.onExceeded,
      downgradeTo: item.downgradeTo ?? "",
    };
  }
  const teamId = options.teams[0]?.id ?? NO_TEAM;
  return { name: "", scope: teamId ? "team" : "org", teamId, targetId: "", period: "month", amountUsd: "", warnPercent: "80", onExceeded: "block", downgradeTo: "" };
}

/** The body the API takes; a warning share typed as a percentage. */
function bodyOf(d: TDraft): unknown {
  const percent = d.warnPercent.trim() === "" ? Number.NaN : Number(d.warnPercent);
  const hasTarget = d.scope !== "org" && d.scope !== "team";
  return {
    name: d.name,
    scope: d.scope,
    teamId: d.scope === "org" || d.teamId === NO_TEAM ? null : d.teamId,
    targetId: hasTarget && d.targetId ? d.targetId : null,
    period: d.period,
    amountUsd: d.amountUsd.trim(),
    warnAt: Number.isFinite(percent) ? Math.round(percent * 10) / 1000 : percent,
    onExceeded: d.onExceeded,
    downgradeTo: d.onExceeded === "downgrade" && d.downgradeTo ? d.downgradeTo : null,
  };
}

function localIssues(d: TDraft): TErrorIssue[] {
  const parsed = ZBudgetInput.safeParse(bodyOf(d));
  return parsed.success ? [] : zodIssues(parsed.error);
}

/** Creates a budget (item null) or replaces one; checks the fields with the API's own schema before sending. */
export function BudgetForm({ item, options, onCancel, onSaved }: { item: TBudgetListItem | null; options: TBudgetFormOptions; onCancel: () => void; onSaved: () => void }) {
  const [draft, setDraft] = useState<TDraft>(() => draftOf(item, options));
  const [serverIssues, setServerIssues] = useState<TErrorIssue[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [hasTried, setHasTried] = useState(false);
  const [isPending, setIsPending] = useState(false);
  // After a first attempt the fields are checked as the person types, with the API's own schema.
  const liveIssues = hasTried ? localIssues(draft) : [];
  const issues = liveIssues.length > 0 ? liveIssues : serverIssues;
  const update = (next: (d: TDraft) => TDraft) => {
    setDraft(next);
    setServerIssues([]);
    setMessage(null);
  };
  const shownMessage = liveIssues.length > 0 ? "Some fields are missing or invalid." : message;
  const setDraftField = <K extends keyof TDraft>(key: K, value: TDraft[K]) => update((d) => ({ ...d, [key]: value }));
  const issueFor = (path: string) => issues.find((i) => i.path === path)?.message;

  const scopes = BUDGET_SCOPES.filter((s) => (s === "org" ? options.canManageOrg : options.teams.length > 0 || (s === "user" && options.canManageOrg)));
  const isPersonEverywhere = draft.scope === "user" && draft.teamId === NO_TEAM;
  const targets =
    draft.scope === "org" || draft.scope === "team"
      ? []
      : isPersonEverywhere
        ? options.people
        : options.targets[draft.scope].filter((t) => t.teamId === draft.teamId);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setHasTried(true);
    const parsed = ZBudgetInput.safeParse(bodyOf(draft));
    if (!parsed.success) return;
    setMessage(null);
    setIsPending(true);
    try {
      await request(item ? `/api/budgets/${item.id}` : "/api/budgets", { method: item ? "PUT" : "POST", body: parsed.data });
      onSaved();
    } catch (error) {
      setServerIssues(error instanceof ApiRequestError ? error.issues : []);
      setMessage(error instanceof Error ? error.message : "The budget could not be saved.");
    } finally {
      setIsPending(false);
    }
  }

  const field = (id: string, label: string, path: string, control: React.ReactNode, hint?: string) => (
    <div>
      <label htmlFor={id} className={LABEL}>
        {label}
      </label>
      {control}
      {hint ? <p className="mt-1 text-xs text-slate-500">{hint}</p> : null}
      {issueFor(path) ? (
        <p id={`${id}-error`} className="mt-1 text-xs text-red-700">
          {issueFor(path)}
        </p>
      ) : null}
    </div>
  );
  const aria = (id: string, path: string) => ({ id, "aria-invalid": issueFor(path) ? true : undefined, "aria-describedby": issueFor(path) ? `${id}-error` : undefined });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {field("budget-name", "Name", "name", <input {...aria("budget-name", "name")} value={draft.name} maxLength={120} onChange={(e) => setDraftField("name", e.target.value)} className={FIELD} />)}
      <div className="grid gap-4 sm:grid-cols-2">
        {field(
          "budget-scope",
          "Covers",
          "scope",
          <select {...aria("budget-scope", "scope")} value={draft.scope} onChange={(e) => update((d) => ({ ...d, scope: e.target.value as TBudgetScope, targetId: "" }))} className={FIELD}>
            {scopes.map((s) => (
              <option key={s} value={s}>
                {SCOPE_CHOICES[s]}
              </option>
            ))}
          </select>,
        )}
        {draft.scope === "org"
          ? null
          : field(
              "budget-team",
              "Team",
              "teamId",
              <select {...aria("budget-team", "teamId")} value={draft.teamId} onChange={(e) => update((d) => ({ ...d, teamId: e.target.value, targetId: "" }))} className={FIELD}>
                {draft.scope === "user" && options.canManageOrg ? <option value={NO_TEAM}>Every team</option> : null}
                {options.teams.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name}
                  </option>
                ))}
              </select>,
            )}
      </div>
      {draft.scope === "org" || draft.scope === "team"
        ? null
        : field(
            "budget-target",
            SCOPE_LABELS[draft.scope],
            "targetId",
            <select {...aria("budget-target", "targetId")} value={draft.targetId} onChange={(e) => setDraftField("targetId", e.target.value)} className={FIELD}>
              <option value="">{targets.length === 0 ? "None in this team" : "Choose…"}</option>
              {targets.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>,
          )}
      <div className="grid gap-4 sm:grid-cols-3">
        {field(
          "budget-amount",
          "Amount (USD)",
          "amountUsd",
          <input {...aria("budget-amount", "amountUsd")} inputMode="decimal" placeholder="50.00" value={draft.amountUsd} onChange={(e) => setDraftField("amountUsd", e.target.value)} className={FIELD} />,
        )}
        {field(
          "budget-period",
          "Period",
          "period",
          <select {...aria("budget-period", "period")} value={draft.period} onChange={(e) => setDraftField("period", e.target.value as TDraft["period"])} className={FIELD}>
            {BUDGET_PERIODS.map((p) => (
              <option key={p} value={p}>
                {PERIOD_LABELS[p]}
              </option>
            ))}
          </select>,
        )}
        {field(
          "budget-warn",
          "Warn at (%)",
          "warnAt",
          <input {...aria("budget-warn", "warnAt")} inputMode="decimal" value={draft.warnPercent} onChange={(e) => setDraftField("warnPercent", e.target.value)} className={FIELD} />,
        )}
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        {field(
          "budget-action",
          "Past the amount",
          "onExceeded",
          <select {...aria("budget-action", "onExceeded")} value={draft.onExceeded} onChange={(e) => setDraftField("onExceeded", e.target.value as TDraft["onExceeded"])} className={FIELD}>
            {BUDGET_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {ACTION_LABELS[a]}
              </option>
            ))}
          </select>,
        )}
        {draft.onExceeded === "downgrade"
          ? field(
              "budget-downgrade",
              "Downgrade to",
              "downgradeTo",
              <select {...aria("budget-downgrade", "downgradeTo")} value={draft.downgradeTo} onChange={(e) => setDraftField("downgradeTo", e.target.value)} className={FIELD}>
                <option value="">Choose a model…</option>
                {options.models.map((m) => (
                  <option key={m} value={m}>
                    {m}
                  </option>
                ))}
              </select>,
            )
          : null}
      </div>
      {shownMessage ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {shownMessage}
          {issues.some((i) => !["name", "scope", "teamId", "targetId", "amountUsd", "period", "warnAt", "onExceeded", "downgradeTo"].includes(i.path))
            ? ` ${issues.map((i) => i.message).join(" ")}`
            : null}
        </p>
      ) : null}
      <ModalActions onCancel={onCancel} confirmLabel={item ? "Save budget" : "Create budget"} pendingLabel="Saving…" isPending={isPending} />
    </form>
  );
}
