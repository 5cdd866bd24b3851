"use client";

// The answer to creating a key: the key itself, shown this once, and an example request that uses it.
import { useState } from "react";
import { BUTTON, FIELD, LABEL } from "@/components/shell/form-styles";
import type { TApiKeyTeamOption, TCreatedApiKey } from "@/server/api-keys/api-key.shared";
import { apiKeyExport, curlListVersions, curlStartRun } from "./api-key-curl";

function CopyButton({ text, label }: { text: string; label: string }) {
  const [isCopied, setIsCopied] = useState(false);
  return (
    <button
      type="button"
      className={BUTTON.small}
      aria-label={label}
      onClick={() => void navigator.clipboard.writeText(text).then(() => setIsCopied(true), () => setIsCopied(false))}
    >
      {isCopied ? "Copied" : "Copy"}
    </button>
  );
}

function CodeBlock({ label, text, testId }: { label: string; text: string; testId: string }) {
  return (
    <div className="mt-3">
      <div className="flex items-center justify-between">
        <span className="text-xs font-medium text-slate-600">{label}</span>
        <CopyButton text={text} label={`Copy ${label.toLowerCase()}`} />
      </div>
      <pre data-testid={testId} className="mt-1 overflow-x-auto whitespace-pre rounded-md bg-slate-900 px-3 py-2 font-mono text-[11px] leading-relaxed text-slate-100">
        {text}
      </pre>
    </div>
  );
}

function ExampleRequest({ created, team }: { created: TCreatedApiKey; team: TApiKeyTeamOption | undefined }) {
  const workflows = team?.publishedWorkflows ?? [];
  const [workflowId, setWorkflowId] = useState(workflows[0]?.id ?? "");
  const scopes = created.apiKey.scopes;
  const canRun = scopes.includes("runs:write");
  const canRead = scopes.includes("workflows:read");
  if (!canRun && !canRead) {
    return (
      <p className="mt-3 text-sm text-slate-600">
        {scopes.includes("admin") ? (
          <>
            Send it as <code className="font-mono text-xs">Authorization: Bearer $BATON_API_KEY</code> to the management routes its admin
            scope opens (README, “API keys”).
          </>
        ) : (
          "The gateway scope grants nothing yet: this key cannot call any route today."
        )}
      </p>
    );
  }
  if (workflows.length === 0) {
    return <p className="mt-3 text-sm text-slate-600">Publish a workflow in {created.apiKey.teamName} to get an example request here.</p>;
  }
  const origin = window.location.origin;
  return (
    <div className="mt-3">
      <label htmlFor="api-key-example-workflow" className={LABEL}>
        Example with the workflow
      </label>
      <select id="api-key-example-workflow" className={FIELD} value={workflowId} onChange={(e) => setWorkflowId(e.target.value)}>
        {workflows.map((w) => (
          <option key={w.id} value={w.id}>
            {w.name}
          </option>
        ))}
      </select>
      <CodeBlock
        label={canRun ? "curl: start a run" : "curl: list its versions"}
        text={canRun ? curlStartRun(origin, workflowId) : curlListVersions(origin, workflowId)}
        testId="api-key-curl"
      />
    </div>
  );
}

export function NewApiKeySecret({ created, team, onDone }: { created: TCreatedApiKey; team: TApiKeyTeamOption | undefined; onDone: () => void }) {
  return (
    <div>
      <p role="status" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
        Copy this key now. Baton keeps only its hash and its prefix, so it cannot show the key again.
      </p>
      <div className="mt-3 flex items-center gap-2">
        <code data-testid="api-key-secret" className="min-w-0 flex-1 break-all rounded bg-slate-100 px-2 py-1.5 font-mono text-xs">
          {created.secret}
        </code>
        <CopyButton text={created.secret} label="Copy API key" />
      </div>
      <CodeBlock label="Set the key in your shell" text={apiKeyExport(created.secret)} testId="api-key-export" />
      <ExampleRequest created={created} team={team} />
      <div className="mt-6 flex justify-end">
        <button type="button" className={BUTTON.primary} onClick={onDone}>
          Done
        </button>
      </div>
    </div>
  );
}
