"use client";

import { useState, type FormEvent, type ReactNode } from "react";
import { ApiRequestError, request } from "@/components/shell/api-client";
import { FIELD, LABEL } from "@/components/shell/form-styles";
import { ModalActions } from "@/components/shell/modal-dialog";
import { CAPABILITY_LABELS, MODEL_CAPABILITIES, type TModelCapability } from "@/server/gateway/model-capabilities.shared";
import { findKnownModel, PRICE_CATALOG_AS_OF, vendorOfProviderKind, type TKnownModel } from "@/server/gateway/price-catalog.shared";
import { ZModelCreate, ZModelPatch } from "@/server/models/model-input.shared";
import type { TErrorIssue } from "@/server/errors";
import type { TModelListItem } from "@/server/settings/settings.shared";
import type { TProviderView as TProviderListItem } from "@/server/providers/providers.shared";
import { PriceHistory } from "./price-history";
import { priceText } from "./price-text";

type TDraft = {
  providerId: string;
  name: string;
  displayName: string;
  input: string;
  cached: string;
  output: string;
  contextWindow: string;
  maxOutput: string;
  capabilities: TModelCapability[];
  region: string;
  tags: string;
  isEnabled: boolean;
};

const FIELDS = ["providerId", "name", "displayName", "inputPricePerMTok", "cachedInputPricePerMTok", "outputPricePerMTok", "contextWindow", "maxOutputTokens", "capabilities", "region", "tags", "isEnabled"];

function draftOf(item: TModelListItem | null, providers: TProviderListItem[]): TDraft {
  if (!item) {
    return { providerId: providers[0]?.id ?? "", name: "", displayName: "", input: "", cached: "", output: "", contextWindow: "", maxOutput: "", capabilities: [], region: "", tags: "", isEnabled: true };
  }
  return {
    providerId: item.providerId,
    name: item.name,
    displayName: item.displayName,
    input: item.inputPricePerMTok,
    cached: item.cachedInputPricePerMTok ?? "",
    output: item.outputPricePerMTok,
    contextWindow: String(item.contextWindow),
    maxOutput: item.maxOutputTokens === null ? "" : String(item.maxOutputTokens),
    capabilities: item.capabilities.filter((c): c is TModelCapability => (MODEL_CAPABILITIES as readonly string[]).includes(c)),
    region: item.region ?? "",
    tags: item.tags.join(", "),
    isEnabled: item.isEnabled,
  };
}

/** A whole number as typed; NaN for anything else, so the schema names the field. */
const tokensOf = (text: string) => (/^\s*\d+(\.\d+)?\s*$/.test(text) ? Number(text) : Number.NaN);

/** The API's body: the provider only when adding (it cannot change); empty optional fields are null. */
function bodyOf(d: TDraft, isEdit: boolean): Record<string, unknown> {
  return {
    ...(isEdit ? {} : { providerId: d.providerId }),
    name: d.name,
    displayName: d.displayName,
    inputPricePerMTok: d.input,
    cachedInputPricePerMTok: d.cached.trim() === "" ? null : d.cached,
    outputPricePerMTok: d.output,
    contextWindow: tokensOf(d.contextWindow),
    maxOutputTokens: d.maxOutput.trim() === "" ? null : tokensOf(d.maxOutput),
    capabilities: d.capabilities,
    region: d.region.trim() === "" ? null : d.region,
    tags: d.tags.split(",").map((t) => t.trim()).filter((t) => t !== ""),
    isEnabled: d.isEnabled,
  };
}

function localIssues(d: TDraft, isEdit: boolean): TErrorIssue[] {
  const parsed = (isEdit ? ZModelPatch : ZModelCreate).safeParse(bodyOf(d, isEdit));
  return parsed.success ? [] : parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
}

/** The catalog's values for a known model id (fills a new model's fields). */
function prefill(d: TDraft, known: TKnownModel): TDraft {
  return {
    ...d,
    displayName: known.displayName,
    input: known.inputPricePerMTok,
    cached: known.cachedInputPricePerMTok ?? "",
    output: known.outputPricePerMTok,
    contextWindow: String(known.contextWindow),
    maxOutput: known.maxOutputTokens === null ? "" : String(known.maxOutputTokens),
    capabilities: [...known.capabilities],
  };
}

type TProps = { item: TModelListItem | null; providers: TProviderListItem[]; onCancel: () => void; onSaved: () => void };

/** Adds a model (item null) or changes one; checks the fields with the API's own schema before sending. */
export function ModelForm({ item, providers, onCancel, onSaved }: TProps) {
  const isEdit = item !== null;
  const [draft, setDraft] = useState<TDraft>(() => draftOf(item, providers));
  const [prefilledFrom, setPrefilledFrom] = useState<string | null>(null);
  const [serverIssues, setServerIssues] = useState<TErrorIssue[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [hasTried, setHasTried] = useState(false);
  const [isPending, setIsPending] = useState(false);
  const liveIssues = hasTried ? localIssues(draft, isEdit) : [];
  const issues = liveIssues.length > 0 ? liveIssues : serverIssues;
  const issueFor = (path: string) => issues.find((i) => i.path === path || i.path.startsWith(`${path}.`))?.message;
  const shownMessage = liveIssues.length > 0 ? "Some fields are missing or invalid." : message;

  const providerKind = providers.find((p) => p.id === draft.providerId)?.kind ?? (item?.providerKind ?? "");
  const known = findKnownModel(draft.name, vendorOfProviderKind(providerKind));

  const update = (next: (d: TDraft) => TDraft) => {
    setDraft(next);
    setServerIssues([]);
    setMessage(null);
  };
  const set = <K extends keyof TDraft>(key: K, value: TDraft[K]) => update((d) => ({ ...d, [key]: value }));

  /**
   * A new model whose id (with its provider's vendor) is in the price catalog gets the catalog's prices, limits and
   * capabilities, once per id: when the id field is left or the provider changes, not on every keystroke (a half-typed
   * "gpt-5" of "gpt-5-mini" is another model).
   */
  function prefillFromCatalog(next: TDraft) {
    const kind = providers.find((p) => p.id === next.providerId)?.kind ?? "";
    const match = isEdit ? undefined : findKnownModel(next.name, vendorOfProviderKind(kind));
    if (!match || match.name === prefilledFrom) return update(() => next);
    setPrefilledFrom(match.name);
    update(() => prefill(next, match));
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setHasTried(true);
    const body = bodyOf(draft, isEdit);
    if (localIssues(draft, isEdit).length > 0) return;
    setMessage(null);
    setIsPending(true);
    try {
      await request(isEdit ? `/api/models/${encodeURIComponent(item.id)}` : "/api/models", { method: isEdit ? "PATCH" : "POST", body });
      onSaved();
    } catch (error) {
      setServerIssues(error instanceof ApiRequestError ? error.issues : []);
      setMessage(error instanceof Error ? error.message : "The model could not be saved.");
    } finally {
      setIsPending(false);
    }
  }

  const aria = (id: string, path: string) => ({ id, "aria-invalid": issueFor(path) ? true : undefined, "aria-describedby": issueFor(path) ? `${id}-error` : undefined });
  const field = (id: string, label: string, path: string, control: ReactNode, hint?: ReactNode) => (
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
  const text = (id: string, path: string, key: keyof TDraft, extra: Record<string, string> = {}) => (
    <input {...aria(id, path)} {...extra} value={String(draft[key])} onChange={(e) => set(key, e.target.value as never)} className={FIELD} />
  );

  const listed = known
    ? `${priceText(known.inputPricePerMTok)} in, ${known.cachedInputPricePerMTok ? `${priceText(known.cachedInputPricePerMTok)} cached, ` : ""}${priceText(known.outputPricePerMTok)} out per 1M tokens`
    : "";
  const catalogNote = known ? (
    <p role="status" className="rounded-md bg-sky-50 px-3 py-2 text-xs text-sky-900">
      {!isEdit && prefilledFrom === known.name
        ? `Filled in from the price catalog for ${known.displayName}: ${listed} (list prices as of ${PRICE_CATALOG_AS_OF}), and its limits and capabilities. Check them: prices change, and these may be out of date.`
        : `The price catalog lists ${known.displayName} at ${listed} (as of ${PRICE_CATALOG_AS_OF}; may be out of date).`}
    </p>
  ) : null;

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2">
        {isEdit
          ? field("model-provider", "Provider", "providerId", <input id="model-provider" value={item.providerName} readOnly disabled className={FIELD} />, "A model stays with its provider.")
          : field(
              "model-provider",
              "Provider",
              "providerId",
              <select {...aria("model-provider", "providerId")} value={draft.providerId} onChange={(e) => prefillFromCatalog({ ...draft, providerId: e.target.value })} className={FIELD}>
                {providers.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                    {p.isEnabled ? "" : " (disabled)"}
                  </option>
                ))}
              </select>,
            )}
        {field(
          "model-name",
          "Model id",
          "name",
          <input {...aria("model-name", "name")} value={draft.name} placeholder="gpt-4o-mini" autoComplete="off" spellCheck={false} onChange={(e) => set("name", e.target.value)} onBlur={() => prefillFromCatalog(draft)} className={`${FIELD} font-mono`} />,
          "The provider's own id for the model, as its API names it.",
        )}
      </div>
      {catalogNote}
      {field("model-display-name", "Display name", "displayName", text("model-display-name", "displayName", "displayName", { maxLength: "120" }))}
      <div className="grid gap-4 sm:grid-cols-3">
        {field("model-input-price", "Input price (USD / 1M tokens)", "inputPricePerMTok", text("model-input-price", "inputPricePerMTok", "input", { inputMode: "decimal", placeholder: "2.50" }))}
        {field("model-cached-price", "Cached-input price (USD / 1M tokens)", "cachedInputPricePerMTok", text("model-cached-price", "cachedInputPricePerMTok", "cached", { inputMode: "decimal", placeholder: "optional" }), "Empty: cached input costs the input price.")}
        {field("model-output-price", "Output price (USD / 1M tokens)", "outputPricePerMTok", text("model-output-price", "outputPricePerMTok", "output", { inputMode: "decimal", placeholder: "10.00" }))}
      </div>
      <div className="grid gap-4 sm:grid-cols-3">
        {field("model-context", "Context window (tokens)", "contextWindow", text("model-context", "contextWindow", "contextWindow", { inputMode: "numeric", placeholder: "128000" }))}
        {field("model-max-output", "Max output tokens", "maxOutputTokens", text("model-max-output", "maxOutputTokens", "maxOutput", { inputMode: "numeric", placeholder: "optional" }))}
        {field("model-region", "Region", "region", text("model-region", "region", "region", { placeholder: "e.g. eu" }), "Policies may allow models by region.")}
      </div>
      <fieldset aria-describedby={issueFor("capabilities") ? "model-capabilities-error" : undefined}>
        <legend className={LABEL}>Capabilities</legend>
        <div className="mt-1 grid grid-cols-2 gap-x-4 gap-y-1 sm:grid-cols-4">
          {MODEL_CAPABILITIES.map((c) => (
            <label key={c} className="flex items-center gap-2 text-sm text-slate-700">
              <input
                type="checkbox"
                checked={draft.capabilities.includes(c)}
                onChange={(e) => set("capabilities", e.target.checked ? [...draft.capabilities, c] : draft.capabilities.filter((x) => x !== c))}
              />
              {CAPABILITY_LABELS[c]}
            </label>
          ))}
        </div>
        {issueFor("capabilities") ? (
          <p id="model-capabilities-error" className="mt-1 text-xs text-red-700">
            {issueFor("capabilities")}
          </p>
        ) : null}
      </fieldset>
      {field("model-tags", "Tags", "tags", text("model-tags", "tags", "tags", { placeholder: "approved, eu-only" }), "Separated by commas.")}
      <label className="flex items-center gap-2 text-sm text-slate-700">
        <input type="checkbox" checked={draft.isEnabled} onChange={(e) => set("isEnabled", e.target.checked)} />
        Enabled: workflows and routes may call it
      </label>
      {item ? <PriceHistory prices={item.prices} /> : null}
      {shownMessage ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {shownMessage}
          {issues.some((i) => !FIELDS.includes(i.path.split(".")[0] ?? "")) ? ` ${issues.map((i) => i.message).join(" ")}` : null}
        </p>
      ) : null}
      <ModalActions onCancel={onCancel} confirmLabel={isEdit ? "Save model" : "Add model"} pendingLabel="Saving…" isPending={isPending} />
    </form>
  );
}
