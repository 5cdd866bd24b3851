"use client";

import { useId, useState, type FormEvent } from "react";
import { CheckCircle2, PlugZap, Trash2, XCircle } from "lucide-react";
import { ApiRequestError, request } from "@/components/shell/api-client";
import { BUTTON, FIELD, LABEL } from "@/components/shell/form-styles";
import { ModalActions } from "@/components/shell/modal-dialog";
import type { TConnectionTest, TProviderUsage, TProviderView } from "@/server/providers/providers.shared";

/** Sends one real, minimal request to the saved provider and says what happened. */
export function TestConnectionPanel({ item }: { item: TProviderView }) {
  const formId = useId();
  const [model, setModel] = useState("");
  const [result, setResult] = useState<TConnectionTest | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isPending, setIsPending] = useState(false);
  const endpoint = item.baseUrl ?? item.defaultBaseUrl;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setIsPending(true);
    setResult(null);
    setError(null);
    try {
      const body = model.trim() ? { model: model.trim() } : {};
      setResult((await request<{ test: TConnectionTest }>(`/api/providers/${item.id}/test`, { method: "POST", body })).test);
    } catch (caught) {
      const issue = caught instanceof ApiRequestError ? caught.issueFor("model") : undefined;
      setError(issue ?? (caught instanceof Error ? caught.message : "The test could not be run."));
    } finally {
      setIsPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <p className="text-sm text-slate-600">
        {item.kind === "sandbox"
          ? "The Sandbox answers inside Baton."
          : item.kind === "bedrock"
            ? "Asks a model for one token (Bedrock has no model list on its runtime endpoint)."
            : "Asks for the provider's model list: nothing is generated or billed."}
        {endpoint ? (
          <>
            {" "}
            Endpoint: <code className="font-mono text-xs">{endpoint}</code>
          </>
        ) : null}
      </p>
      {item.kind === "bedrock" ? (
        <div>
          <label htmlFor={`${formId}-model`} className={LABEL}>
            Model id
          </label>
          <input id={`${formId}-model`} value={model} onChange={(e) => setModel(e.target.value)} placeholder="anthropic.claude-3-haiku-20240307-v1:0" className={FIELD} />
          <p className="mt-1 text-xs text-slate-500">Empty: the provider&apos;s first enabled model.</p>
        </div>
      ) : null}
      <div role="status" aria-live="polite">
        {result ? (
          <p className={`flex gap-2 rounded-md px-3 py-2 text-sm ${result.isOk ? "bg-emerald-50 text-emerald-800" : "bg-red-50 text-red-800"}`}>
            {result.isOk ? <CheckCircle2 aria-hidden="true" className="mt-0.5 h-4 w-4 shrink-0" /> : <XCircle aria-hidden="true" className="mt-0.5 h-4 w-4 shrink-0" />}
            <span>
              {result.message} <span className="text-xs opacity-70">({result.latencyMs} ms)</span>
            </span>
          </p>
        ) : null}
        {error ? <p className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">{error}</p> : null}
      </div>
      <div className="flex justify-end">
        <button type="submit" disabled={isPending} className={BUTTON.primary}>
          <PlugZap aria-hidden="true" className="h-4 w-4" />
          {isPending ? "Testing…" : "Test connection"}
        </button>
      </div>
    </form>
  );
}

function UsageList({ usage }: { usage: TProviderUsage }) {
  const groups = [
    { title: "Models", items: usage.models.map((m) => m.name) },
    { title: "Routes", items: usage.routes.map((r) => r.name) },
    {
      title: "Workflow nodes",
      items: usage.workflowNodes.map((n) => `${n.workflowName} → ${n.nodeId} (${n.version === "draft" ? "draft" : `published v${n.version}`})`),
    },
  ].filter((g) => g.items.length > 0);
  return (
    <div className="mt-2 space-y-2">
      {groups.map((g) => (
        <div key={g.title}>
          <h3 className="text-xs font-medium uppercase tracking-wide text-red-900">{g.title}</h3>
          <ul className="list-disc pl-5">
            {g.items.map((text) => (
              <li key={text}>{text}</li>
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}

function usageOf(error: unknown): TProviderUsage | null {
  if (!(error instanceof ApiRequestError) || error.status !== 409) return null;
  const usage = error.details.usage as TProviderUsage | undefined;
  return usage && Array.isArray(usage.models) ? usage : null;
}

/** Confirms a deletion; a provider in use is refused by the server with what uses it, listed here. */
export function DeleteProviderPanel({ item, onCancel, onDeleted }: { item: TProviderView; onCancel: () => void; onDeleted: () => void }) {
  const [refusal, setRefusal] = useState<{ message: string; usage: TProviderUsage | null } | null>(null);
  const [isPending, setIsPending] = useState(false);

  async function confirm() {
    setIsPending(true);
    try {
      await request(`/api/providers/${item.id}`, { method: "DELETE" });
      onDeleted();
    } catch (error) {
      setRefusal({ message: error instanceof Error ? error.message : "The provider could not be deleted.", usage: usageOf(error) });
    } finally {
      setIsPending(false);
    }
  }

  return (
    <div>
      {refusal ? (
        <div role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          <p>{refusal.message}</p>
          {refusal.usage ? <UsageList usage={refusal.usage} /> : null}
        </div>
      ) : (
        <p className="text-sm text-slate-600">Its stored credentials are deleted with it. The audit trail keeps the record of the change.</p>
      )}
      <ModalActions
        onCancel={onCancel}
        onConfirm={() => void confirm()}
        confirmLabel="Delete provider"
        pendingLabel="Deleting…"
        isPending={isPending}
        isDisabled={Boolean(refusal?.usage)}
        tone="danger"
        icon={<Trash2 aria-hidden="true" className="h-4 w-4" />}
      />
    </div>
  );
}
