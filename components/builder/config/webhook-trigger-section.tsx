"use client";

// The webhook trigger's connection details in the builder: the full address, the secret (revealed and copied by
// builders of the team; every reveal is audited), rotation with a grace period, and curl examples to copy.
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { request, errorMessage } from "@/components/shell/api-client";
import { BUTTON, FIELD, LABEL } from "@/components/shell/form-styles";
import {
  WEBHOOK_GRACE_SECONDS,
  type TRotatedSecret,
  type TWebhookGraceSeconds,
  type TWebhookInfo,
} from "@/server/workflows/webhook-secret.shared";
import { curlSigned, curlWithSecretHeader, secretExport } from "./webhook-curl";

const GRACE_LABELS: Record<TWebhookGraceSeconds, string> = {
  0: "None: the old secret stops working now",
  3600: "1 hour",
  86_400: "24 hours",
  604_800: "7 days",
};

const webhookKey = (workflowId: string) => ["builder", workflowId, "webhook"] as const;
const base = (workflowId: string) => `/api/workflows/${encodeURIComponent(workflowId)}/webhook`;

function formatTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

function CopyBlock({ label, text, testId }: { label: string; text: string; testId: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="mt-2">
      <div className="flex items-center justify-between">
        <span className="text-xs font-medium text-slate-600">{label}</span>
        <button
          type="button"
          className={BUTTON.small}
          aria-label={`Copy ${label.toLowerCase()}`}
          onClick={() => void navigator.clipboard.writeText(text).then(() => setCopied(true), () => setCopied(false))}
        >
          {copied ? "Copied" : "Copy"}
        </button>
      </div>
      <pre data-testid={testId} className="mt-1 overflow-x-auto whitespace-pre rounded-md bg-slate-900 px-3 py-2 font-mono text-[11px] leading-relaxed text-slate-100">
        {text}
      </pre>
    </div>
  );
}

export function WebhookTriggerSection({ workflowId }: { workflowId: string }) {
  const queryClient = useQueryClient();
  const info = useQuery({ queryKey: webhookKey(workflowId), queryFn: () => request<TWebhookInfo>(base(workflowId)) });
  const [secret, setSecret] = useState<string | null>(null);
  const [grace, setGrace] = useState<TWebhookGraceSeconds>(3600);
  const [isConfirming, setIsConfirming] = useState(false);
  const reveal = useMutation({
    mutationFn: () => request<{ secret: string }>(`${base(workflowId)}/secret/reveal`, { method: "POST" }),
    onSuccess: (r) => setSecret(r.secret),
  });
  const rotate = useMutation({
    mutationFn: () => request<TRotatedSecret>(`${base(workflowId)}/secret/rotate`, { method: "POST", body: { graceSeconds: grace } }),
    onSuccess: (r) => {
      setSecret(r.secret);
      setIsConfirming(false);
      void queryClient.invalidateQueries({ queryKey: webhookKey(workflowId) });
    },
  });

  if (info.isPending) return <p className="px-4 py-3 text-xs text-slate-500">Loading the webhook address…</p>;
  if (info.isError) return <p role="alert" className="px-4 py-3 text-xs text-red-700">{errorMessage(info.error)}</p>;
  const data = info.data;
  // The address as this browser reaches the app: the public URL people and outside systems use.
  const url = typeof window === "undefined" ? data.url : `${window.location.origin}${data.path}`;
  const error = reveal.error ?? rotate.error;

  return (
    <section aria-labelledby="webhook-section-title" data-testid="webhook-panel" className="mx-4 mb-4 rounded-lg border border-slate-200 p-3">
      <h3 id="webhook-section-title" className="text-sm font-semibold text-slate-900">Calling this webhook</h3>
      <p className="mt-1 text-xs text-slate-600">
        {data.publishedAuth === null
          ? "Publish the workflow to start runs from this address."
          : data.publishedAuth === "hmac"
            ? "The published version accepts signed requests only (X-Baton-Timestamp and X-Baton-Signature)."
            : "The published version accepts the secret in the X-Baton-Secret header."}{" "}
        Send an Idempotency-Key header to make retries safe: a repeated key starts no second run for 24 hours.
      </p>
      <CopyBlock label="Webhook URL" text={url} testId="webhook-url" />

      <div className="mt-3">
        <span className={LABEL}>Secret</span>
        {data.canManageSecret ? (
          <div className="mt-1 flex flex-wrap items-center gap-2">
            {secret === null ? (
              <button type="button" className={BUTTON.small} onClick={() => reveal.mutate()} disabled={reveal.isPending}>
                {reveal.isPending ? "Revealing…" : "Reveal secret"}
              </button>
            ) : (
              <>
                <code data-testid="webhook-secret" className="break-all rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs">{secret}</code>
                <button type="button" className={BUTTON.small} aria-label="Copy secret" onClick={() => void navigator.clipboard.writeText(secret)}>
                  Copy
                </button>
                <button type="button" className={BUTTON.small} onClick={() => setSecret(null)}>Hide</button>
              </>
            )}
          </div>
        ) : (
          <p className="mt-1 text-xs text-slate-600">Only builders of this workflow&apos;s team can see the secret.</p>
        )}
        <p className="mt-1 text-xs text-slate-500">
          {data.rotatedAt ? `Rotated ${formatTime(data.rotatedAt)}.` : "Never rotated."}
          {data.previousSecretExpiresAt ? ` The previous secret still works until ${formatTime(data.previousSecretExpiresAt)}.` : ""}
          {data.canManageSecret ? " Each reveal is recorded in the audit trail." : ""}
        </p>
      </div>

      {data.canManageSecret ? (
        <div className="mt-3">
          <label htmlFor="webhook-grace" className={LABEL}>Rotate the secret; keep the old one valid for</label>
          <select id="webhook-grace" className={FIELD} value={grace} onChange={(e) => setGrace(Number(e.target.value) as TWebhookGraceSeconds)}>
            {WEBHOOK_GRACE_SECONDS.map((s) => (
              <option key={s} value={s}>{GRACE_LABELS[s]}</option>
            ))}
          </select>
          {isConfirming ? (
            <div className="mt-2 flex flex-wrap items-center gap-2 text-xs text-slate-700">
              <span>Callers must switch to the new secret{grace === 0 ? " now" : ` within ${GRACE_LABELS[grace]}`}.</span>
              <button type="button" className={BUTTON.small} onClick={() => rotate.mutate()} disabled={rotate.isPending}>
                {rotate.isPending ? "Rotating…" : "Confirm rotation"}
              </button>
              <button type="button" className={BUTTON.small} onClick={() => setIsConfirming(false)}>Cancel</button>
            </div>
          ) : (
            <button type="button" className={`${BUTTON.small} mt-2`} onClick={() => setIsConfirming(true)}>Rotate secret…</button>
          )}
        </div>
      ) : null}
      {error ? <p role="alert" className="mt-2 text-xs text-red-700">{errorMessage(error)}</p> : null}

      <CopyBlock label="Set the secret in your shell" text={secretExport(secret)} testId="webhook-secret-export" />
      <CopyBlock label="curl with the secret header" text={curlWithSecretHeader(url)} testId="webhook-curl-secret" />
      <CopyBlock label="curl with a signed request (HMAC + timestamp)" text={curlSigned(url)} testId="webhook-curl-signed" />
    </section>
  );
}
