"use client";

import { useRef } from "react";
import { CatalogSelect, formatPrice, modelOptionLabel } from "./catalog-pickers";
import { GroupShell, useFieldIds } from "./field-shell";
import { useForm } from "./form-context";
import { CHECKBOX, LABEL } from "./styles";
import type { TWidgetProps } from "./widget-types";

type TKind = "model" | "route";

function readRef(value: unknown): { kind: TKind | null; modelId: string; routeName: string } {
  const record = value !== null && typeof value === "object" ? (value as Record<string, unknown>) : {};
  const kind = record.kind === "model" || record.kind === "route" ? record.kind : null;
  return {
    kind,
    modelId: typeof record.modelId === "string" ? record.modelId : "",
    routeName: typeof record.routeName === "string" ? record.routeName : "",
  };
}

/**
 * Which model an AI node calls (`{kind: "model", modelId}` or `{kind: "route", routeName}`): a named route (with
 * fallback between models) or one model, with prices per million tokens. Switching back restores the last choice.
 */
export function RouteOrModelField({ field, path, value, onChange }: TWidgetProps<"route-or-model">) {
  const { catalog, isReadOnly } = useForm();
  const ids = useFieldIds(field, path);
  const ref = readRef(value);
  const kind: TKind = ref.kind ?? (catalog.routes.length > 0 ? "route" : "model");
  const memory = useRef({ model: "", route: "" });
  const choose = (next: TKind) => {
    if (ref.modelId) memory.current.model = ref.modelId;
    if (ref.routeName) memory.current.route = ref.routeName;
    onChange(
      next === "model"
        ? { kind: "model", modelId: memory.current.model || (catalog.models[0]?.id ?? "") }
        : { kind: "route", routeName: memory.current.route || (catalog.routes[0]?.name ?? "") },
    );
  };
  const name = ids.fieldKey;
  const selectId = `${ids.controlId}-${kind}`;
  const route = catalog.routes.find((r) => r.name === ref.routeName);
  const model = catalog.models.find((m) => m.id === ref.modelId);
  const detail =
    kind === "route"
      ? route
        ? `${route.strategy} · ${route.modelIds.length} ${route.modelIds.length === 1 ? "model" : "models"}${route.description ? ` · ${route.description}` : ""}`
        : null
      : model
        ? `${model.providerName} · ${model.name} · ${formatPrice(model.inputPricePerMTok)} in / ${formatPrice(model.outputPricePerMTok)} out per 1M tokens`
        : null;
  return (
    <GroupShell field={field} ids={ids}>
      <div className="flex flex-wrap gap-x-4 gap-y-1">
        {(["route", "model"] as const).map((option) => (
          <label key={option} className="flex items-center gap-2 text-sm text-slate-800">
            <input
              type="radio"
              name={`${name}.kind`}
              value={option}
              checked={ref.kind === option || (ref.kind === null && kind === option)}
              disabled={isReadOnly}
              onChange={() => choose(option)}
              className={`${CHECKBOX} rounded-full`}
            />
            {option === "route" ? "A route (with fallback)" : "One model"}
          </label>
        ))}
      </div>
      <div className="space-y-1">
        <label htmlFor={selectId} className={LABEL}>
          {kind === "route" ? "Which route" : "Which model"}
        </label>
        <CatalogSelect
          id={selectId}
          name={`${name}.${kind === "route" ? "routeName" : "modelId"}`}
          value={kind === "route" ? ref.routeName : ref.modelId}
          options={
            kind === "route"
              ? catalog.routes.map((r) => ({ value: r.name, label: `${r.name} (${r.strategy})` }))
              : catalog.models.map((m) => ({ value: m.id, label: modelOptionLabel(m), group: m.providerName }))
          }
          emptyLabel={ref.kind === null ? (field.isRequired ? "Choose…" : "None") : null}
          isReadOnly={isReadOnly}
          isRequired={field.isRequired}
          isInvalid={ids.isInvalid}
          describedBy={ids.describedBy}
          onChange={(next) =>
            onChange(
              next === ""
                ? undefined
                : kind === "route"
                  ? { kind: "route", routeName: next }
                  : { kind: "model", modelId: next },
            )
          }
        />
        <p className="min-h-4 truncate text-xs text-slate-500" title={detail ?? undefined}>
          {detail}
        </p>
      </div>
    </GroupShell>
  );
}
