"use client";

import { useRef } from "react";
import type { TConfigField } from "@/server/workflows/config-fields.shared";
import { GroupShell, useFieldIds } from "./field-shell";
import { useForm } from "./form-context";
import type { TRenderFields } from "./list-field";
import { CHECKBOX, SELECT } from "./styles";
import type { TWidgetProps } from "./widget-types";

function asObject(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** A nested object: its fields inside a titled group. */
export function ObjectField({ field, path, renderFields }: TWidgetProps<"object"> & { renderFields: TRenderFields }) {
  const ids = useFieldIds(field, path);
  return (
    <GroupShell field={field} ids={ids}>
      <div className="space-y-3 rounded-md border border-slate-200 p-2.5">{renderFields(field.fields, path)}</div>
    </GroupShell>
  );
}

function initialValue(field: TConfigField): unknown {
  if (field.defaultValue !== undefined) return field.defaultValue;
  return ["text", "textarea", "template", "jsonata", "code"].includes(field.widget) ? "" : undefined;
}

/**
 * A discriminated union (Delay: duration or until; an event trigger's source): radio buttons pick the variant, then
 * its own fields. Values of a variant left behind come back when it is chosen again.
 */
export function VariantsField({
  field,
  path,
  value,
  onChange,
  renderFields,
}: TWidgetProps<"variants"> & { renderFields: TRenderFields }) {
  const { isReadOnly } = useForm();
  // At the root (key "") problems about the choice are reported on the discriminator ("mode").
  const ids = useFieldIds(field, field.key === "" ? [...path, field.discriminator] : path);
  const current = asObject(value);
  const chosen = field.variants.find((v) => v.value === current[field.discriminator]);
  const memory = useRef<Record<string, Record<string, unknown>>>({});
  const choose = (variantValue: string) => {
    const variant = field.variants.find((v) => v.value === variantValue);
    if (!variant) return;
    if (chosen) memory.current[chosen.value] = current;
    const remembered = memory.current[variantValue] ?? {};
    const next: Record<string, unknown> = { [field.discriminator]: variantValue };
    for (const child of variant.fields) {
      const kept = current[child.key] ?? remembered[child.key] ?? initialValue(child);
      if (kept !== undefined) next[child.key] = kept;
    }
    onChange(next);
  };
  const name = [ids.fieldKey, field.key === "" ? "" : field.discriminator].filter(Boolean).join(".");
  const isCompact = field.variants.length <= 4;
  return (
    <div className="space-y-3">
      <GroupShell field={field} ids={ids}>
        {isCompact ? (
          <div className="flex flex-wrap gap-x-4 gap-y-1">
            {field.variants.map((variant) => (
              <label key={variant.value} className="flex items-center gap-2 text-sm text-slate-800">
                <input
                  type="radio"
                  name={name}
                  value={variant.value}
                  checked={chosen?.value === variant.value}
                  disabled={isReadOnly}
                  onChange={() => choose(variant.value)}
                  className={`${CHECKBOX} rounded-full`}
                />
                {variant.label}
              </label>
            ))}
          </div>
        ) : (
          <select
            name={name}
            aria-label={field.label}
            value={chosen?.value ?? ""}
            disabled={isReadOnly}
            onChange={(e) => choose(e.target.value)}
            className={SELECT}
          >
            {chosen ? null : <option value="">Choose…</option>}
            {field.variants.map((variant) => (
              <option key={variant.value} value={variant.value}>
                {variant.label}
              </option>
            ))}
          </select>
        )}
      </GroupShell>
      {chosen && chosen.fields.length > 0 ? (
        <div className={field.key === "" ? "space-y-4" : "space-y-3 border-l-2 border-slate-200 pl-3"}>
          {renderFields(chosen.fields, path)}
        </div>
      ) : null}
    </div>
  );
}
