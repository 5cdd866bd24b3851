"use client";

import { clearedValue } from "@/server/workflows/config-values.shared";
import type { TEditorCatalog } from "@/server/workflows/editor.shared";
import { FieldShell, useFieldIds } from "./field-shell";
import { useForm } from "./form-context";
import { SELECT } from "./styles";
import { asString, type TWidgetProps } from "./widget-types";

type TKind = "credential" | "knowledge-base" | "workflow" | "model";
type TOption = { value: string; label: string; group?: string };

const NOUNS: Record<TKind, string> = {
  credential: "credential",
  "knowledge-base": "knowledge base",
  workflow: "published workflow",
  model: "model",
};

/** "$0.15" from "0.150000"; prices are decimal strings per million tokens. */
export function formatPrice(value: string): string {
  const n = Number(value);
  return Number.isFinite(n)
    ? `$${n.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 4 })}`
    : value;
}

export function modelOptionLabel(model: TEditorCatalog["models"][number]): string {
  return `${model.displayName} · ${formatPrice(model.inputPricePerMTok)} / ${formatPrice(model.outputPricePerMTok)} per 1M`;
}

function optionsOf(kind: TKind, catalog: TEditorCatalog): TOption[] {
  switch (kind) {
    case "credential":
      return catalog.credentials.map((c) => ({ value: c.id, label: `${c.name} (${c.kind})` }));
    case "knowledge-base":
      return catalog.knowledgeBases.map((kb) => ({ value: kb.id, label: kb.name }));
    case "workflow":
      return catalog.workflows.map((w) => ({ value: w.id, label: w.name }));
    case "model":
      return catalog.models.map((m) => ({ value: m.id, label: modelOptionLabel(m), group: m.providerName }));
  }
}

type TSelectProps = {
  id: string;
  name: string;
  value: string;
  options: TOption[];
  emptyLabel: string | null;
  isReadOnly: boolean;
  isRequired?: boolean;
  isInvalid?: boolean;
  describedBy?: string;
  onChange: (value: string) => void;
};

/** A select over catalog entries, grouped (models by provider), keeping an unknown stored id visible. */
export function CatalogSelect({
  id,
  name,
  value,
  options,
  emptyLabel,
  isReadOnly,
  isRequired,
  isInvalid,
  describedBy,
  onChange,
}: TSelectProps) {
  const groups = [...new Set(options.map((o) => o.group ?? ""))];
  const isKnown = value === "" || options.some((o) => o.value === value);
  const render = (list: TOption[]) =>
    list.map((o) => (
      <option key={o.value} value={o.value}>
        {o.label}
      </option>
    ));
  return (
    <select
      id={id}
      name={name}
      value={value}
      disabled={isReadOnly}
      required={isRequired}
      aria-invalid={isInvalid || undefined}
      aria-describedby={describedBy}
      onChange={(e) => onChange(e.target.value)}
      className={SELECT}
    >
      {emptyLabel !== null || value === "" ? <option value="">{emptyLabel ?? "Choose…"}</option> : null}
      {isKnown ? null : <option value={value}>Unavailable ({value})</option>}
      {groups.length > 1 || (groups[0] ?? "") !== ""
        ? groups.map((group) => (
            <optgroup key={group} label={group || "Other"}>
              {render(options.filter((o) => (o.group ?? "") === group))}
            </optgroup>
          ))
        : render(options)}
    </select>
  );
}

/** Credential, knowledge base, published workflow or model: what the team may use, from the editor's catalog. */
export function CatalogPickerField({ field, path, value, onChange }: TWidgetProps<TKind>) {
  const { catalog, isReadOnly } = useForm();
  const ids = useFieldIds(field, path);
  const options = optionsOf(field.widget, catalog);
  const noun = NOUNS[field.widget];
  const isOptional = !field.isRequired;
  return (
    <FieldShell field={field} ids={ids}>
      <CatalogSelect
        id={ids.controlId}
        name={ids.fieldKey}
        value={asString(value)}
        options={options}
        emptyLabel={isOptional ? "None" : `Choose a ${noun}…`}
        isReadOnly={isReadOnly}
        isRequired={field.isRequired}
        isInvalid={ids.isInvalid}
        describedBy={ids.describedBy}
        onChange={(next) => onChange(next === "" ? (isOptional ? clearedValue(field) : "") : next)}
      />
      {options.length === 0 ? <p className="text-xs text-slate-500">This team has no {noun}s yet.</p> : null}
    </FieldShell>
  );
}
