"use client";

import { useId, useState, type FormEvent, type ReactNode } from "react";
import { ApiRequestError, request } from "@/components/shell/api-client";
import { FIELD, LABEL } from "@/components/shell/form-styles";
import { ModalActions } from "@/components/shell/modal-dialog";
import type { TErrorIssue } from "@/server/errors";
import { SANDBOX_ERROR_STATUSES } from "@/server/gateway/sandbox.shared";
import {
  DEFAULT_AZURE_API_VERSION,
  PROVIDER_KINDS,
  PROVIDER_KIND_LABELS,
  defaultBaseUrl,
  type TProviderKind,
} from "@/server/gateway/provider-kinds.shared";
import type { TProviderView } from "@/server/providers/providers.shared";
import { FIELD_PATHS, bodyOf, credentialInputsOf, draftOf, localIssues, type TProviderDraft } from "./provider-draft";

type TTextField = Exclude<keyof TProviderDraft, "kind" | "isEnabled" | "isKeyRemoved">;

const KIND_HINTS: Record<TProviderKind, string> = {
  openai: "OpenAI's chat completions API.",
  azure: "Azure OpenAI: your resource's deployments, with an API version.",
  anthropic: "Anthropic's Messages API (Claude).",
  google: "The Gemini API (generateContent).",
  mistral: "Mistral's chat completions API.",
  bedrock: "AWS Bedrock's Converse API, signed with an access key.",
  openai_compatible: "Any server speaking OpenAI's chat completions: Ollama, vLLM, LM Studio, Together, Groq, OpenRouter, another gateway.",
  sandbox: "Simulated answers and costs inside Baton: no network, no key.",
};

const CREDENTIAL_LABELS = { apiKey: "API key", accessKeyId: "Access key id", secretAccessKey: "Secret access key", sessionToken: "Session token (optional)" };

/** Adds a provider (item null) or changes one; checks the fields with the API's own schema before sending. */
export function ProviderForm({ item, onCancel, onSaved }: { item: TProviderView | null; onCancel: () => void; onSaved: (saved: TProviderView) => void }) {
  const formId = useId();
  const [draft, setDraft] = useState<TProviderDraft>(() => draftOf(item));
  const [serverIssues, setServerIssues] = useState<TErrorIssue[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [hasTried, setHasTried] = useState(false);
  const [isPending, setIsPending] = useState(false);
  const liveIssues = hasTried ? localIssues(draft, item) : [];
  const issues = liveIssues.length > 0 ? liveIssues : serverIssues;
  const shownMessage = liveIssues.length > 0 ? "Some fields are missing or invalid." : message;
  const update = (next: Partial<TProviderDraft>) => {
    setDraft((d) => ({ ...d, ...next }));
    setServerIssues([]);
    setMessage(null);
  };
  const issueFor = (field: string) => {
    const paths = FIELD_PATHS[field] ?? [field];
    return issues.find((i) => paths.includes(i.path))?.message;
  };
  const shownPaths = new Set(Object.values(FIELD_PATHS).flat());
  const otherIssues = issues.filter((i) => !shownPaths.has(i.path));
  const id = (field: string) => `${formId}-${field}`;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setHasTried(true);
    if (localIssues(draft, item).length > 0) return;
    setIsPending(true);
    try {
      const { provider } = await request<{ provider: TProviderView }>(item ? `/api/providers/${item.id}` : "/api/providers", {
        method: item ? "PATCH" : "POST",
        body: bodyOf(draft, item),
      });
      onSaved(provider);
    } catch (error) {
      setServerIssues(error instanceof ApiRequestError ? error.issues : []);
      setMessage(error instanceof Error ? error.message : "The provider could not be saved.");
    } finally {
      setIsPending(false);
    }
  }

  const field = (name: string, label: string, control: ReactNode, hint?: ReactNode) => (
    <div>
      <label htmlFor={id(name)} className={LABEL}>
        {label}
      </label>
      {control}
      {hint ? <p className="mt-1 text-xs text-slate-500">{hint}</p> : null}
      {issueFor(name) ? (
        <p id={`${id(name)}-error`} className="mt-1 text-xs text-red-700">
          {issueFor(name)}
        </p>
      ) : null}
    </div>
  );
  const input = (name: TTextField, props: { type?: string; placeholder?: string; inputMode?: "decimal" | "numeric" } = {}) => (
    <input
      id={id(name)}
      name={name}
      type={props.type ?? "text"}
      inputMode={props.inputMode}
      autoComplete={props.type === "password" ? "new-password" : "off"}
      spellCheck={false}
      placeholder={props.placeholder}
      value={draft[name]}
      onChange={(e) => update({ [name]: e.target.value })}
      aria-invalid={issueFor(name) ? true : undefined}
      aria-describedby={issueFor(name) ? `${id(name)}-error` : undefined}
      className={FIELD}
    />
  );

  const fallbackUrl = defaultBaseUrl(draft.kind, { resourceName: draft.resourceName.trim() || undefined, region: draft.region.trim() || undefined });
  const stored = item?.credentials ?? null;
  const credentialHint = (key: string) => {
    if (!item || !stored?.[key]) return undefined;
    return draft.kind === "bedrock"
      ? `Stored: ${stored[key]}. Leave the keys empty to keep them; to replace them, enter the access key id and the secret again.`
      : `Stored: ${stored[key]}. Leave empty to keep it; type a new value to replace it.`;
  };

  return (
    <form id={formId} onSubmit={onSubmit} noValidate className="space-y-4">
      {item ? null : (
        field(
          "kind",
          "Kind",
          <select id={id("kind")} value={draft.kind} onChange={(e) => update({ kind: e.target.value as TProviderKind })} className={FIELD}>
            {PROVIDER_KINDS.map((k) => (
              <option key={k} value={k}>
                {PROVIDER_KIND_LABELS[k]}
              </option>
            ))}
          </select>,
          KIND_HINTS[draft.kind],
        )
      )}
      {field("name", "Name", input("name", { placeholder: draft.kind === "openai_compatible" ? "Local Ollama" : PROVIDER_KIND_LABELS[draft.kind] }), "Shown in model pickers and policies (model rules match providers by name).")}
      {draft.kind === "azure" ? (
        <div className="grid gap-4 sm:grid-cols-3">
          {field("resourceName", "Resource name", input("resourceName", { placeholder: "acme-eu" }), "The part before .openai.azure.com.")}
          {field("apiVersion", "API version", input("apiVersion", { placeholder: DEFAULT_AZURE_API_VERSION }))}
          {field("deployment", "Deployment (optional)", input("deployment", { placeholder: "gpt-4o-prod" }), "Empty: each model's name is its deployment.")}
        </div>
      ) : null}
      {draft.kind === "bedrock" ? field("region", "AWS region", input("region", { placeholder: "us-east-1" })) : null}
      {draft.kind === "sandbox" ? (
        <div className="grid gap-4 sm:grid-cols-2">
          {field("latencyMs", "Latency (ms)", input("latencyMs", { inputMode: "numeric", placeholder: "250" }))}
          {field("latencyJitterMs", "Latency jitter (ms)", input("latencyJitterMs", { inputMode: "numeric", placeholder: "0" }))}
          {field("errorRate", "Error rate (0–1)", input("errorRate", { inputMode: "decimal", placeholder: "0" }), "The share of calls that fail as an upstream would.")}
          {field(
            "errorStatus",
            "Simulated error",
            <select id={id("errorStatus")} value={draft.errorStatus || "503"} onChange={(e) => update({ errorStatus: e.target.value })} className={FIELD}>
              {SANDBOX_ERROR_STATUSES.map((s) => (
                <option key={s} value={String(s)}>
                  HTTP {s}
                </option>
              ))}
            </select>,
          )}
        </div>
      ) : (
        field(
          "baseUrl",
          draft.kind === "openai_compatible" ? "Base URL" : "Base URL (optional)",
          input("baseUrl", { placeholder: fallbackUrl ?? "http://localhost:11434/v1" }),
          draft.kind === "openai_compatible"
            ? "Where the server answers, up to /v1. A private or local address needs private networks allowed in Settings → Engine → Outbound network."
            : fallbackUrl
              ? `Empty: ${fallbackUrl}. Set it to call a proxy or a regional endpoint instead.`
              : "Empty: the vendor's endpoint.",
        )
      )}
      {credentialInputsOf(draft.kind).map((key) =>
        field(key, draft.kind === "openai_compatible" ? "API key (optional)" : CREDENTIAL_LABELS[key], input(key, { type: "password" }), credentialHint(key) ?? (key === "apiKey" && draft.kind === "openai_compatible" && !item ? "Leave empty for servers that need none (Ollama, vLLM)." : undefined)),
      )}
      {item && draft.kind === "openai_compatible" && stored ? (
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input type="checkbox" checked={draft.isKeyRemoved} onChange={(e) => update({ isKeyRemoved: e.target.checked })} />
          Remove the stored API key
        </label>
      ) : null}
      <label className="flex items-center gap-2 text-sm text-slate-700">
        <input type="checkbox" checked={draft.isEnabled} onChange={(e) => update({ isEnabled: e.target.checked })} />
        Enabled (a disabled provider&apos;s models are never called)
      </label>
      {shownMessage ? (
        <div role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          <p>{shownMessage}</p>
          {otherIssues.length > 0 ? (
            <ul className="mt-1 list-disc pl-5">
              {otherIssues.map((i) => (
                <li key={`${i.path}:${i.message}`}>{i.message}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <ModalActions onCancel={onCancel} confirmLabel={item ? "Save provider" : "Add provider"} pendingLabel="Saving…" isPending={isPending} />
    </form>
  );
}
