"use client";

import { useState, type FormEvent } from "react";
import { Copy, Send, Trash2 } from "lucide-react";
import { ApiRequestError, request } from "@/components/shell/api-client";
import { BUTTON, FIELD, LABEL } from "@/components/shell/form-styles";
import { ModalActions, ModalDialog } from "@/components/shell/modal-dialog";
import type { TAlertDelivery, TAlertWebhookView } from "@/server/budgets/alert-webhook-view.shared";
import { SignatureHelp } from "./signature-help";

type TErrors = { url?: string; general?: string };

function toErrors(error: unknown): TErrors {
  if (error instanceof ApiRequestError && error.issues.length > 0) {
    const url = error.issueFor("url");
    const rest = error.issues.filter((i) => i.path !== "url").map((i) => i.message);
    return { url, general: rest.length > 0 ? rest.join(" ") : url ? undefined : error.message };
  }
  return { general: error instanceof Error ? error.message : "Saving failed. Try again." };
}

/** Settings → Organisation → Budget alert webhook: URL, on/off, a generated signing secret shown once, a test. */
export function AlertWebhookForm({ initial, canWrite }: { initial: TAlertWebhookView; canWrite: boolean }) {
  const [saved, setSaved] = useState(initial);
  const [url, setUrl] = useState(initial.url ?? "");
  const [isEnabled, setIsEnabled] = useState(initial.url ? initial.isEnabled : true);
  const [isNewSecret, setIsNewSecret] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const [errors, setErrors] = useState<TErrors>({});
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState<"save" | "test" | "remove" | null>(null);
  const [test, setTest] = useState<TAlertDelivery | null>(null);
  const [isRemoving, setIsRemoving] = useState(false);
  const [isCopied, setIsCopied] = useState(false);

  const isDirty = url.trim() !== (saved.url ?? "") || (saved.url !== null && isEnabled !== saved.isEnabled) || isNewSecret;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy("save");
    setErrors({});
    setNotice(null);
    setTest(null);
    try {
      const next = await request<TAlertWebhookView>("/api/settings/alert-webhook", {
        method: "PUT",
        body: { url: url.trim(), isEnabled, ...(isNewSecret ? { generateSecret: true } : {}) },
      });
      setSaved(next);
      setUrl(next.url ?? "");
      setIsEnabled(next.isEnabled);
      setIsNewSecret(false);
      setSecret(next.secret ?? null);
      setIsCopied(false);
      setNotice(next.secret ? "Alert webhook saved with a new signing secret." : "Alert webhook saved.");
    } catch (error) {
      setErrors(toErrors(error));
    } finally {
      setBusy(null);
    }
  }

  async function sendTest() {
    setBusy("test");
    setTest(null);
    setErrors({});
    try {
      setTest(await request<TAlertDelivery>("/api/settings/alert-webhook/test", { method: "POST" }));
    } catch (error) {
      setErrors({ general: error instanceof Error ? error.message : "The test could not be sent." });
    } finally {
      setBusy(null);
    }
  }

  async function remove() {
    setBusy("remove");
    try {
      const next = await request<TAlertWebhookView>("/api/settings/alert-webhook", { method: "DELETE" });
      setSaved(next);
      setUrl("");
      setIsEnabled(true);
      setSecret(null);
      setTest(null);
      setIsRemoving(false);
      setNotice("Alert webhook removed: threshold alerts are recorded and audited only.");
    } catch (error) {
      setErrors({ general: error instanceof Error ? error.message : "The webhook could not be removed." });
      setIsRemoving(false);
    } finally {
      setBusy(null);
    }
  }

  async function copySecret() {
    if (!secret) return;
    try {
      await navigator.clipboard.writeText(secret);
      setIsCopied(true);
    } catch {
      setIsCopied(false);
    }
  }

  return (
    <div className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <form onSubmit={onSubmit} noValidate aria-label="Alert webhook">
        <fieldset disabled={!canWrite || busy !== null} className="space-y-5">
          <legend className="sr-only">Alert webhook</legend>
          <p className="max-w-2xl text-sm text-slate-600">
            {saved.url
              ? saved.isEnabled
                ? "Each budget alert is also POSTed to this URL as signed JSON, once, when a model call takes a budget across its warning share or its amount."
                : "Turned off: alerts are recorded, audited and shown in Baton, but not sent."
              : "Not set: budget alerts are recorded, audited and shown in Baton only. Set a URL to also receive each one as a signed JSON POST."}{" "}
            One attempt per alert (10 s timeout, no retry); a failed delivery is logged and never holds up the model call.
          </p>
          <div className="max-w-xl">
            <label htmlFor="alert-webhook-url" className={LABEL}>
              URL
            </label>
            <input
              id="alert-webhook-url"
              type="url"
              inputMode="url"
              spellCheck={false}
              autoCapitalize="off"
              placeholder="https://alerts.example.com/baton"
              value={url}
              onChange={(e) => setUrl(e.target.value)}
              aria-invalid={errors.url ? true : undefined}
              aria-describedby={errors.url ? "alert-webhook-url-help alert-webhook-url-error" : "alert-webhook-url-help"}
              className={FIELD}
            />
            <p id="alert-webhook-url-help" className="mt-1 text-xs text-slate-500">
              Sent through the outbound network guard (Settings → Engine → Outbound network), as HTTP nodes are: an http:// or https:// URL without
              credentials, a host in the allowed hosts when that list is not empty, and a private or loopback address only when private networks are
              allowed. Checked when you save, and again, with the host&apos;s DNS addresses, before every delivery.
            </p>
            {errors.url ? (
              <p id="alert-webhook-url-error" role="alert" className="mt-1 text-sm text-red-700">
                {errors.url}
              </p>
            ) : null}
          </div>
          <label className="flex max-w-xl cursor-pointer items-start gap-3">
            <input type="checkbox" checked={isEnabled} onChange={(e) => setIsEnabled(e.target.checked)} className="mt-0.5 h-4 w-4 rounded border-slate-300" />
            <span>
              <span className="block text-sm font-medium text-slate-900">Send alerts</span>
              <span className="block text-sm text-slate-500">Off keeps the URL and the secret but sends nothing.</span>
            </span>
          </label>
          {saved.hasSecret ? (
            <label className="flex max-w-xl cursor-pointer items-start gap-3">
              <input type="checkbox" checked={isNewSecret} onChange={(e) => setIsNewSecret(e.target.checked)} className="mt-0.5 h-4 w-4 rounded border-slate-300" />
              <span>
                <span className="block text-sm font-medium text-slate-900">Generate a new signing secret</span>
                <span className="block text-sm text-slate-500">
                  A signing secret is set; Baton never shows it again. A new one replaces it at once: update your receiver.
                </span>
              </span>
            </label>
          ) : (
            <p className="max-w-xl text-sm text-slate-500">Saving generates the signing secret and shows it once.</p>
          )}
        </fieldset>

        {secret ? (
          <div role="region" aria-label="New signing secret" className="mt-5 max-w-xl rounded-md border border-amber-300 bg-amber-50 p-3">
            <p className="text-sm font-medium text-amber-900">Copy the signing secret now: Baton does not show it again.</p>
            <div className="mt-2 flex gap-2">
              <input
                readOnly
                aria-label="Signing secret"
                value={secret}
                onFocus={(e) => e.target.select()}
                className="w-full rounded-md border border-amber-300 bg-white px-3 py-2 font-mono text-xs"
              />
              <button type="button" className={BUTTON.secondary} onClick={() => void copySecret()}>
                <Copy aria-hidden="true" className="h-4 w-4" /> {isCopied ? "Copied" : "Copy"}
              </button>
            </div>
          </div>
        ) : null}

        {errors.general ? (
          <p role="alert" className="mt-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
            {errors.general}
          </p>
        ) : null}

        <div className="mt-5 flex flex-wrap items-center gap-3 border-t border-slate-100 pt-4">
          {canWrite ? (
            <>
              <button type="submit" disabled={busy !== null} className={BUTTON.primary}>
                {busy === "save" ? "Saving…" : "Save alert webhook"}
              </button>
              {saved.url ? (
                <>
                  <button type="button" disabled={busy !== null || isDirty} className={BUTTON.secondary} onClick={() => void sendTest()}>
                    <Send aria-hidden="true" className="h-4 w-4" /> {busy === "test" ? "Sending…" : "Send test"}
                  </button>
                  <button type="button" disabled={busy !== null} className={BUTTON.secondary} onClick={() => setIsRemoving(true)}>
                    <Trash2 aria-hidden="true" className="h-4 w-4" /> Remove
                  </button>
                </>
              ) : null}
            </>
          ) : (
            <p className="text-sm text-slate-500">Only organisation admins can change it.</p>
          )}
          <p role="status" className="text-sm text-slate-500">
            {isDirty ? (
              "Unsaved changes"
            ) : test ? (
              test.isDelivered ? (
                <span className="font-medium text-emerald-700">Test delivered: the receiver answered HTTP {test.status}.</span>
              ) : (
                <span className="font-medium text-red-700">Test not delivered: {test.error}</span>
              )
            ) : notice ? (
              <span className="font-medium text-emerald-700">{notice}</span>
            ) : (
              "Changes and tests are recorded in the audit trail."
            )}
          </p>
        </div>
        {saved.url && canWrite ? (
          <p className="mt-2 text-xs text-slate-500">
            Send test POSTs a payload of type &quot;test&quot; to the saved URL, signed and guarded as an alert is, even while alerts are turned off.
            Save your changes first.
          </p>
        ) : null}
      </form>

      <SignatureHelp />

      <ModalDialog
        isOpen={isRemoving}
        onClose={() => setIsRemoving(false)}
        title="Remove the alert webhook?"
        description="Its URL and signing secret are deleted. Budget alerts are still recorded, audited and shown in Baton."
        hasCloseButton={false}
      >
        <ModalActions
          onCancel={() => setIsRemoving(false)}
          onConfirm={() => void remove()}
          confirmLabel="Remove webhook"
          pendingLabel="Removing…"
          isPending={busy === "remove"}
          tone="danger"
          icon={<Trash2 aria-hidden="true" className="h-4 w-4" />}
        />
      </ModalDialog>
    </div>
  );
}
