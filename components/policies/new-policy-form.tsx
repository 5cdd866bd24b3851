"use client";

import { useState, type FormEvent, type ReactNode } from "react";
import { useRouter } from "next/navigation";
import { ApiRequestError, request } from "@/components/shell/api-client";
import { FIELD, LABEL } from "@/components/shell/form-styles";
import { ModalActions } from "@/components/shell/modal-dialog";
import type { TPolicyDetail } from "@/server/policies/policy-detail.shared";
import { SCOPE_CHOICES, writableScopeKinds, type TNewPolicyOptions } from "@/server/policies/policy-form.shared";
import type { TScopeKind } from "@/server/policies/policy-editor.shared";

type TIssues = Record<string, string>;

/** Name, description and scope of a new policy; it starts without rules, and the editor opens on it. */
export function NewPolicyForm({ options, onCancel }: { options: TNewPolicyOptions; onCancel: () => void }) {
  const router = useRouter();
  const kinds = writableScopeKinds(options);
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [kind, setKind] = useState<TScopeKind>(kinds[0] ?? "team");
  const [teamId, setTeamId] = useState(options.teams[0]?.id ?? "");
  const [targetId, setTargetId] = useState("");
  const [issues, setIssues] = useState<TIssues>({});
  const [message, setMessage] = useState<string | null>(null);
  const [isPending, setIsPending] = useState(false);

  const targets = kind === "workflow" || kind === "agent" || kind === "api_key" ? options.targets[kind].filter((t) => t.teamId === teamId) : [];
  const scopeTarget = kind === "org" ? undefined : kind === "team" ? teamId : targetId;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const local: TIssues = {};
    if (name.trim() === "") local.name = "Give the policy a name.";
    if (kind !== "org" && !scopeTarget) local["scope.targetId"] = `Choose ${kind === "team" ? "a team" : SCOPE_CHOICES[kind].toLowerCase()}.`;
    setIssues(local);
    setMessage(null);
    if (Object.keys(local).length > 0) return;
    setIsPending(true);
    try {
      const { policy } = await request<{ policy: TPolicyDetail }>("/api/policies", {
        method: "POST",
        body: { name: name.trim(), description: description.trim(), scope: kind === "org" ? { kind } : { kind, targetId: scopeTarget } },
      });
      router.push(`/policies/${policy.id}`);
    } catch (error) {
      setIssues(error instanceof ApiRequestError ? Object.fromEntries(error.issues.map((i) => [i.path, i.message])) : {});
      setMessage(error instanceof Error ? error.message : "The policy could not be created.");
      setIsPending(false);
    }
  }

  const field = (id: string, label: string, path: string, control: ReactNode, hint: string) => (
    <div>
      <label htmlFor={id} className={LABEL}>
        {label}
      </label>
      {control}
      <p className="mt-1 text-xs text-slate-500">{hint}</p>
      {issues[path] ? (
        <p id={`${id}-error`} className="mt-1 text-xs font-medium text-red-700">
          {issues[path]}
        </p>
      ) : null}
    </div>
  );
  const aria = (id: string, path: string) => ({ id, "aria-invalid": issues[path] ? true : undefined, "aria-describedby": issues[path] ? `${id}-error` : undefined });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {field("policy-name", "Name", "name", <input {...aria("policy-name", "name")} value={name} maxLength={120} onChange={(e) => setName(e.target.value)} className={FIELD} />, "Unique across the organisation; decisions name the policy by it.")}
      {field(
        "policy-description",
        "Description",
        "description",
        <textarea {...aria("policy-description", "description")} rows={2} maxLength={2000} value={description} onChange={(e) => setDescription(e.target.value)} className={FIELD} />,
        "What the policy is for, for the people who read it later.",
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        {field(
          "policy-scope",
          "Applies to",
          "scope.kind",
          <select {...aria("policy-scope", "scope.kind")} value={kind} onChange={(e) => (setKind(e.target.value as TScopeKind), setTargetId(""))} className={FIELD}>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {SCOPE_CHOICES[k]}
              </option>
            ))}
          </select>,
          "Every model and tool call in this scope is checked against the policy; the scope cannot be changed later.",
        )}
        {kind === "org"
          ? null
          : field(
              "policy-team",
              "Team",
              kind === "team" ? "scope.targetId" : "team",
              <select {...aria("policy-team", kind === "team" ? "scope.targetId" : "team")} value={teamId} onChange={(e) => (setTeamId(e.target.value), setTargetId(""))} className={FIELD}>
                {options.teams.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name}
                  </option>
                ))}
              </select>,
              "Only teams where you may write policies are listed.",
            )}
      </div>
      {kind === "workflow" || kind === "agent" || kind === "api_key"
        ? field(
            "policy-target",
            kind === "workflow" ? "Workflow" : kind === "agent" ? "Agent" : "API key",
            "scope.targetId",
            <select {...aria("policy-target", "scope.targetId")} value={targetId} onChange={(e) => setTargetId(e.target.value)} className={FIELD}>
              <option value="">{targets.length === 0 ? "None in this team" : "Choose…"}</option>
              {targets.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>,
            "The policy covers only its calls.",
          )
        : null}
      {message ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {message}
        </p>
      ) : null}
      <p className="text-sm text-slate-500">The policy starts without rules; write them in the editor, then publish.</p>
      <ModalActions onCancel={onCancel} confirmLabel="Create policy" pendingLabel="Creating…" isPending={isPending} />
    </form>
  );
}
