"use client";

import type { TConfigField } from "@/server/workflows/config-fields.shared";
import { fieldPath, getIn, type TPath } from "@/server/workflows/config-values.shared";
import { MultiSelectField, SelectField, TextField, ToggleField } from "./basic-fields";
import { CatalogPickerField } from "./catalog-pickers";
import { CodeField } from "./code-field";
import { ObjectField, VariantsField } from "./composite-fields";
import { ExpressionField } from "./expression-field";
import { useForm } from "./form-context";
import { JsonField } from "./json-field";
import { KeyValueField } from "./key-value-field";
import { ListField } from "./list-field";
import { RouteOrModelField } from "./model-field";
import { NumberField } from "./number-field";
import { StringListField } from "./string-list-field";

/** The fields of one object (the config, a list row, a variant), each under `base`. */
export function ConfigFields({ fields, base }: { fields: TConfigField[]; base: TPath }) {
  return (
    <div className="space-y-4">
      {fields.map((field) => (
        <ConfigField key={field.key || "root"} field={field} base={base} />
      ))}
    </div>
  );
}

const renderFields = (fields: TConfigField[], base: TPath) => <ConfigFields fields={fields} base={base} />;

/** One field: the widget its descriptor names, wired to the form's value at its path. */
export function ConfigField({ field, base }: { field: TConfigField; base: TPath }) {
  const { root, setAt } = useForm();
  const path = fieldPath(base, field);
  const value = getIn(root, path);
  const onChange = (next: unknown) => setAt(path, next);
  switch (field.widget) {
    case "text":
    case "textarea":
      return <TextField field={field} path={path} value={value} onChange={onChange} />;
    case "template":
    case "jsonata":
      return <ExpressionField field={field} path={path} value={value} onChange={onChange} />;
    case "code":
      return <CodeField field={field} path={path} value={value} onChange={onChange} />;
    case "number":
      return <NumberField field={field} path={path} value={value} onChange={onChange} />;
    case "toggle":
      return <ToggleField field={field} path={path} value={value} onChange={onChange} />;
    case "select":
      return <SelectField field={field} path={path} value={value} onChange={onChange} />;
    case "multi-select":
      return <MultiSelectField field={field} path={path} value={value} onChange={onChange} />;
    case "string-list":
      return <StringListField field={field} path={path} value={value} onChange={onChange} />;
    case "key-value":
      return <KeyValueField field={field} path={path} value={value} onChange={onChange} />;
    case "route-or-model":
      return <RouteOrModelField field={field} path={path} value={value} onChange={onChange} />;
    case "model":
    case "credential":
    case "knowledge-base":
    case "workflow":
      return <CatalogPickerField field={field} path={path} value={value} onChange={onChange} />;
    case "list":
      return <ListField field={field} path={path} value={value} onChange={onChange} renderFields={renderFields} />;
    case "object":
      return <ObjectField field={field} path={path} value={value} onChange={onChange} renderFields={renderFields} />;
    case "variants":
      return <VariantsField field={field} path={path} value={value} onChange={onChange} renderFields={renderFields} />;
    case "json":
      return <JsonField field={field} path={path} value={value} onChange={onChange} />;
  }
}
