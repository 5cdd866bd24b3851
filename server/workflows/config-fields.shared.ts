// The node configuration panel's form, described from a node definition: its zod config schema (read through
// zod's JSON Schema output, a stable public view of the schema), its UI hints, its expression and template fields,
// and the copy in config-field-copy.shared.ts. Isomorphic and React-free, so the builder renders it and tests read it.
import { z } from "zod";
import type { TConfigUiHint, TNodeDefinition } from "../nodes/types";
import { ZNodeSettings } from "./node-settings.shared";
import { FIELD_COPY, SETTINGS_COPY, humanizeKey, type TFieldCopy } from "./config-field-copy.shared";
import { asJsonSchema, discriminatorOf, type TJs, unwrapNullable } from "./json-schema-read.shared";

export type TSelectOption = { value: string; label: string };
export type TTextWidget = "text" | "textarea" | "template" | "jsonata" | "code";
export type TPickerWidget = "model" | "route-or-model" | "credential" | "knowledge-base" | "workflow";
export type TKeyValueWidget = "template" | "jsonata" | "text";

type TFieldBase = {
  /** The key in the parent object; "" for a field that stands for the whole parent (a union at the root). */
  key: string;
  /** Dot path from the config root with `*` for list items, as in `templateFields` ("cases.*.when"). */
  pattern: string;
  label: string;
  help?: string;
  placeholder?: string;
  /** Has to be filled in: not optional, no default, not nullable. */
  isRequired: boolean;
  /** May be left out of the config (`.optional()`, `.nullish()`, or a default): clearing it removes the key. */
  isOptional: boolean;
  /** Accepts null (`.nullish()`), which the panel writes when the field is cleared. */
  isNullable: boolean;
  /** The schema's default, shown when the config has no value (the engine applies the same default). */
  defaultValue?: unknown;
};

export type TVariant = { value: string; label: string; fields: TConfigField[] };

/** One member per widget (not `widget: A | B`), so a switch on `widget` narrows to exactly one shape. */
type TEach<W extends string, TRest> = W extends string ? { widget: W } & TRest : never;

export type TConfigField = TFieldBase &
  (
    | TEach<TTextWidget, { minLength?: number; maxLength?: number; isMultiline: boolean }>
    | { widget: "number"; min?: number; max?: number; isInteger: boolean }
    | TEach<"toggle" | "json" | "string-list" | TPickerWidget, unknown>
    | TEach<"select" | "multi-select", { options: TSelectOption[] }>
    | { widget: "key-value"; valueWidget: TKeyValueWidget }
    | { widget: "object"; fields: TConfigField[] }
    | { widget: "list"; itemFields: TConfigField[]; itemNoun: string; minItems?: number; maxItems?: number }
    | { widget: "variants"; discriminator: string; variants: TVariant[] }
  );

export type TConfigForm = { fields: TConfigField[] };

type TContext = {
  copy: Record<string, TFieldCopy>;
  hints: Record<string, TConfigUiHint>;
  expressionFields: Set<string>;
  templateFields: Set<string>;
};

const cache = new WeakMap<object, TConfigForm>();

/** The form of a node type's configuration. Cached per definition; never throws (worst case: one JSON field). */
export function describeNodeConfig(definition: TNodeDefinition): TConfigForm {
  const hit = cache.get(definition);
  if (hit) return hit;
  const form = describeSchema(definition.configSchema, {
    copy: FIELD_COPY[definition.type] ?? {},
    hints: definition.ui ?? {},
    expressionFields: new Set(definition.expressionFields ?? []),
    templateFields: new Set(definition.templateFields ?? []),
  });
  cache.set(definition, form);
  return form;
}

let settingsForm: TConfigForm | undefined;

/** Retries, timeout and failure handling, common to every node: paths are relative to `settings`. */
export function describeNodeSettings(): TConfigForm {
  settingsForm ??= describeSchema(ZNodeSettings, {
    copy: SETTINGS_COPY,
    hints: {},
    expressionFields: new Set(),
    templateFields: new Set(),
  });
  return settingsForm;
}

function describeSchema(schema: z.ZodType, ctx: TContext): TConfigForm {
  let root: TJs;
  try {
    root = asJsonSchema(z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }));
  } catch {
    root = {};
  }
  if (root.properties) return { fields: describeObject(root, "", ctx) };
  const field = describeField("", root, true, "", ctx);
  // A union at the root (Delay, Join) is named after its discriminator: "Wait", "Wait for".
  if (field.widget === "variants")
    field.label = ctx.copy[field.discriminator]?.label ?? humanizeKey(field.discriminator);
  return { fields: [field] };
}

function describeObject(schema: TJs, prefix: string, ctx: TContext, skip?: string): TConfigField[] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {})
    .filter(([key]) => key !== skip)
    .map(([key, child]) => describeField(key, child, required.has(key), join(prefix, key), ctx));
}

function describeField(
  key: string,
  raw: TJs,
  isRequiredInParent: boolean,
  pattern: string,
  ctx: TContext,
): TConfigField {
  const { schema, isNullable } = unwrapNullable(raw);
  const copy = ctx.copy[pattern] ?? {};
  const defaultValue = raw.default ?? schema.default;
  const base: TFieldBase = {
    key,
    pattern,
    label: copy.label ?? (key ? humanizeKey(key) : "Configuration"),
    help: copy.help ?? schema.description,
    placeholder: copy.placeholder,
    isRequired: isRequiredInParent && defaultValue === undefined && !isNullable,
    isOptional: !isRequiredInParent || defaultValue !== undefined,
    isNullable,
    defaultValue,
  };
  return { ...base, ...widgetOf(key, schema, pattern, ctx) } as TConfigField;
}

type TWidgetPart = TConfigField extends infer T ? (T extends unknown ? Omit<T, keyof TFieldBase> : never) : never;

function widgetOf(key: string, schema: TJs, pattern: string, ctx: TContext): TWidgetPart {
  const hint = ctx.hints[pattern];
  if (hint && hint.kind !== "json") {
    const hinted = fromHint(hint, schema, pattern, ctx);
    if (hinted) return hinted;
  }
  const isString = schema.type === "string";
  if (isString && ctx.expressionFields.has(pattern)) return textWidget("jsonata", schema);
  if (isString && ctx.templateFields.has(pattern)) return textWidget("template", schema);
  if (isString && key === "credentialId") return { widget: "credential" };
  if (isString && key === "knowledgeBaseId") return { widget: "knowledge-base" };
  if (isString && key === "workflowId") return { widget: "workflow" };
  const inferred = infer(schema, pattern, ctx);
  // A "json" hint predates the structured widgets: lists, choices and variants read better than raw JSON.
  if (hint?.kind === "json" && !STRUCTURED.has(inferred.widget)) return { widget: "json" };
  return inferred;
}

const STRUCTURED = new Set(["list", "multi-select", "string-list", "variants", "object", "route-or-model"]);

function fromHint(hint: TConfigUiHint, schema: TJs, pattern: string, ctx: TContext): TWidgetPart | null {
  switch (hint.kind) {
    case "text":
    case "textarea":
    case "template":
    case "jsonata":
    case "code":
      return schema.type === "string" ? textWidget(hint.kind, schema) : null;
    case "number":
      return schema.type === "number" || schema.type === "integer" ? numberWidget(schema) : null;
    case "toggle":
      return schema.type === "boolean" ? { widget: "toggle" } : null;
    case "select":
      return { widget: "select", options: hint.options };
    case "key-value": {
      const values = `${pattern}.*`;
      const valueWidget = ctx.templateFields.has(values)
        ? "template"
        : ctx.expressionFields.has(values)
          ? "jsonata"
          : "text";
      return { widget: "key-value", valueWidget };
    }
    case "json":
      return { widget: "json" };
    default:
      return { widget: hint.kind };
  }
}

function infer(schema: TJs, pattern: string, ctx: TContext): TWidgetPart {
  const options = schema.oneOf ?? schema.anyOf;
  if (options) return variantsWidget(options, pattern, ctx) ?? { widget: "json" };
  if (schema.enum && schema.enum.every((v) => typeof v === "string")) {
    return { widget: "select", options: optionsOf(schema.enum as string[], ctx.copy[pattern]) };
  }
  switch (schema.type) {
    case "string":
      return textWidget((schema.maxLength ?? 0) > 500 ? "textarea" : "text", schema);
    case "number":
    case "integer":
      return numberWidget(schema);
    case "boolean":
      return { widget: "toggle" };
    case "array":
      return arrayWidget(schema, pattern, ctx);
    case "object":
      if (schema.properties) return { widget: "object", fields: describeObject(schema, pattern, ctx) };
      if (typeof schema.additionalProperties === "object" && schema.additionalProperties.type === "string") {
        return { widget: "key-value", valueWidget: ctx.templateFields.has(`${pattern}.*`) ? "template" : "text" };
      }
      return { widget: "json" };
    default:
      return { widget: "json" };
  }
}

function arrayWidget(schema: TJs, pattern: string, ctx: TContext): TWidgetPart {
  const items = schema.items ? unwrapNullable(schema.items).schema : undefined;
  if (!items) return { widget: "json" };
  if (items.enum && items.enum.every((v) => typeof v === "string")) {
    return { widget: "multi-select", options: optionsOf(items.enum as string[], ctx.copy[pattern]) };
  }
  if (items.type === "string") return { widget: "string-list" };
  if (items.type === "object" && items.properties) {
    const itemFields = describeObject(items, `${pattern}.*`, ctx);
    const isFlat = itemFields.every((f) => !["list", "object", "variants", "json"].includes(f.widget));
    if (!isFlat) return { widget: "json" };
    const last = pattern.split(".").pop() || "item";
    const itemNoun = last.endsWith("s") ? last.slice(0, -1) : last;
    return { widget: "list", itemFields, itemNoun, minItems: schema.minItems, maxItems: schema.maxItems };
  }
  return { widget: "json" };
}

function variantsWidget(options: TJs[], pattern: string, ctx: TContext): TWidgetPart | null {
  const discriminator = discriminatorOf(options);
  if (!discriminator) return null;
  const values = options.map((o) => String(o.properties?.[discriminator]?.const));
  if (discriminator === "kind" && values.join() === "model,route") return { widget: "route-or-model" };
  const discriminatorPattern = join(pattern, discriminator);
  const hint = ctx.hints[discriminatorPattern];
  const labels: Record<string, string> = {
    ...(hint?.kind === "select" ? Object.fromEntries(hint.options.map((o) => [o.value, o.label])) : {}),
    ...ctx.copy[discriminatorPattern]?.options,
    ...ctx.copy[pattern]?.options,
  };
  return {
    widget: "variants",
    discriminator,
    variants: options.map((option, i) => {
      const value = values[i] ?? "";
      return {
        value,
        label: labels[value] ?? humanizeKey(value),
        fields: describeObject(option, pattern, ctx, discriminator),
      };
    }),
  };
}

function textWidget(widget: TTextWidget, schema: TJs): TWidgetPart {
  const maxLength = schema.maxLength;
  const isLong = maxLength === undefined || maxLength > 10_000;
  const isMultiline = widget === "textarea" || widget === "code" || (widget !== "text" && isLong);
  return { widget, minLength: schema.minLength, maxLength, isMultiline };
}

function numberWidget(schema: TJs): TWidgetPart {
  return {
    widget: "number",
    min: schema.minimum ?? schema.exclusiveMinimum,
    max: schema.maximum ?? schema.exclusiveMaximum,
    isInteger: schema.type === "integer",
  };
}

function optionsOf(values: string[], copy: TFieldCopy | undefined): TSelectOption[] {
  return values.map((value) => ({ value, label: copy?.options?.[value] ?? humanizeKey(value) }));
}

function join(prefix: string, key: string): string {
  return prefix ? `${prefix}.${key}` : key;
}
