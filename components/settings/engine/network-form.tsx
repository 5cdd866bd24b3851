"use client";

import { useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { TriangleAlert } from "lucide-react";
import { ApiRequestError, request } from "@/components/shell/api-client";
import { BUTTON } from "@/components/shell/form-styles";
import type { TOutboundSettings } from "@/server/net/outbound-settings.shared";
import { engineKeys } from "./engine-api";

type TLine = { value: string; line: number };

/** Non-empty lines with their 1-based line numbers, so an issue on `allowedHosts.<i>` can name the line. */
function hostLines(text: string): TLine[] {
  return text
    .split("\n")
    .map((raw, i) => ({ value: raw.trim(), line: i + 1 }))
    .filter((l) => l.value.length > 0);
}

type TErrors = { hosts: string[]; general: string[] };

function toErrors(error: unknown, lines: TLine[]): TErrors {
  if (!(error instanceof ApiRequestError) || error.issues.length === 0) {
    return { hosts: [], general: [error instanceof Error ? error.message : "Saving failed. Try again."] };
  }
  const errors: TErrors = { hosts: [], general: [] };
  for (const issue of error.issues) {
    const match = /^allowedHosts(?:\.(\d+))?$/.exec(issue.path);
    if (!match) errors.general.push(issue.message);
    else if (match[1] === undefined) errors.hosts.push(issue.message);
    else errors.hosts.push(`Line ${lines[Number(match[1])]?.line ?? Number(match[1]) + 1}: ${issue.message}`);
  }
  return errors;
}

export function NetworkForm({ initial, canWrite }: { initial: TOutboundSettings; canWrite: boolean }) {
  const queryClient = useQueryClient();
  const { data: saved } = useQuery({
    queryKey: engineKeys.network(),
    queryFn: () => request<{ settings: TOutboundSettings }>("/api/settings/network").then((r) => r.settings),
    initialData: initial,
    staleTime: Infinity,
  });
  const [allowPrivate, setAllowPrivate] = useState(saved.allowPrivateNetworks);
  const [hostsText, setHostsText] = useState(saved.allowedHosts.join("\n"));
  const [errors, setErrors] = useState<TErrors>({ hosts: [], general: [] });
  const [notice, setNotice] = useState<string | null>(null);

  const save = useMutation({
    mutationFn: (body: TOutboundSettings) =>
      request<{ settings: TOutboundSettings; isChanged: boolean }>("/api/settings/network", {
        method: "PUT",
        body,
      }),
    onSuccess: ({ settings, isChanged }) => {
      queryClient.setQueryData(engineKeys.network(), settings);
      setAllowPrivate(settings.allowPrivateNetworks);
      setHostsText(settings.allowedHosts.join("\n"));
      setErrors({ hosts: [], general: [] });
      setNotice(isChanged ? "Outbound network settings saved." : "Nothing changed: the settings were already saved.");
    },
  });

  const isDirty = allowPrivate !== saved.allowPrivateNetworks || hostsText.trim() !== saved.allowedHosts.join("\n");

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const lines = hostLines(hostsText);
    setNotice(null);
    save.mutate(
      { allowPrivateNetworks: allowPrivate, allowedHosts: lines.map((l) => l.value) },
      { onError: (error) => setErrors(toErrors(error, lines)) },
    );
  }

  const hasHostErrors = errors.hosts.length > 0;
  return (
    <form onSubmit={onSubmit} noValidate className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <fieldset disabled={!canWrite || save.isPending} className="space-y-6">
        <legend className="sr-only">Outbound network</legend>
        <div>
          <label className="flex cursor-pointer items-start gap-3">
            <input
              type="checkbox"
              role="switch"
              checked={allowPrivate}
              onChange={(e) => setAllowPrivate(e.target.checked)}
              aria-describedby="private-networks-warning"
              className="peer sr-only"
            />
            <span
              aria-hidden="true"
              className="relative mt-0.5 inline-flex h-5 w-9 shrink-0 rounded-full bg-slate-300 transition-colors after:absolute after:left-0.5 after:top-0.5 after:h-4 after:w-4 after:rounded-full after:bg-white after:shadow-sm after:transition-transform peer-checked:bg-amber-500 peer-checked:after:translate-x-4 peer-focus-visible:ring-2 peer-focus-visible:ring-brand-500 peer-focus-visible:ring-offset-2 peer-disabled:opacity-60"
            />
            <span>
              <span className="block text-sm font-medium text-slate-900">Allow calls to private network addresses</span>
              <span className="block text-sm text-slate-500">
                Lets HTTP and MCP nodes and model providers reach private, loopback and link-local addresses (10.x, 192.168.x, localhost…).
              </span>
            </span>
          </label>
          <div
            id="private-networks-warning"
            className={`mt-2 flex gap-2 sm:ml-12 rounded-md border px-3 py-2 text-sm ${
              allowPrivate
                ? "border-amber-300 bg-amber-50 text-amber-900"
                : "border-slate-200 bg-slate-50 text-slate-600"
            }`}
          >
            <TriangleAlert
              aria-hidden="true"
              className={`mt-0.5 h-4 w-4 shrink-0 ${allowPrivate ? "text-amber-600" : "text-slate-400"}`}
            />
            <p>
              Anyone who can build a workflow could then call internal services such as databases, admin panels and
              other machines on your network. Turn this on only when workflows must reach internal systems. Cloud
              metadata addresses stay blocked either way.
            </p>
          </div>
        </div>

        <div>
          <label htmlFor="allowed-hosts" className="block text-sm font-medium text-slate-900">
            Allowed hosts
          </label>
          <p id="allowed-hosts-help" className="mt-0.5 text-sm text-slate-500">
            One per line: an exact host (<code className="font-mono text-xs">api.example.com</code>) or a wildcard for
            its subdomains (<code className="font-mono text-xs">*.example.com</code>, which does not include example.com
            itself). Leave empty to allow any public host.
          </p>
          <textarea
            id="allowed-hosts"
            name="allowedHosts"
            rows={6}
            spellCheck={false}
            autoCapitalize="off"
            value={hostsText}
            onChange={(e) => setHostsText(e.target.value)}
            aria-invalid={hasHostErrors ? true : undefined}
            aria-describedby={hasHostErrors ? "allowed-hosts-help allowed-hosts-error" : "allowed-hosts-help"}
            placeholder={"api.example.com\n*.partner.example"}
            className="mt-2 w-full max-w-xl rounded-md border border-slate-300 px-3 py-2 font-mono text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-100 aria-invalid:border-red-400 aria-invalid:ring-red-100 disabled:bg-slate-50"
          />
          {hasHostErrors ? (
            <ul id="allowed-hosts-error" role="alert" className="mt-1 space-y-0.5 text-sm text-red-700">
              {errors.hosts.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          ) : null}
        </div>
      </fieldset>

      {errors.general.length > 0 ? (
        <div role="alert" className="mt-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {errors.general.map((m) => (
            <p key={m}>{m}</p>
          ))}
        </div>
      ) : null}

      <div className="mt-6 flex flex-wrap items-center gap-3 border-t border-slate-100 pt-4">
        {canWrite ? (
          <button type="submit" disabled={save.isPending} className={BUTTON.primary}>
            {save.isPending ? "Saving…" : "Save network settings"}
          </button>
        ) : (
          <p className="text-sm text-slate-500">Only organisation admins can change these settings.</p>
        )}
        <p role="status" className="text-sm text-slate-500">
          {isDirty ? (
            "Unsaved changes"
          ) : notice ? (
            <span className="font-medium text-emerald-700">{notice}</span>
          ) : (
            "Changes are recorded in the audit trail."
          )}
        </p>
      </div>
    </form>
  );
}
