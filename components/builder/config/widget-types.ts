import type { TConfigField } from "@/server/workflows/config-fields.shared";
import type { TPath } from "@/server/workflows/config-values.shared";

export type TFieldOf<W extends TConfigField["widget"]> = Extract<TConfigField, { widget: W }>;

/** What the field renderer hands every widget: its descriptor, where it is, the stored value and a setter. */
export type TWidgetProps<W extends TConfigField["widget"]> = {
  field: TFieldOf<W>;
  path: TPath;
  /** The stored value; undefined when the config leaves it out (the widget shows the default then). */
  value: unknown;
  onChange: (value: unknown) => void;
};

export function asString(value: unknown): string {
  return typeof value === "string" ? value : value === undefined || value === null ? "" : String(value);
}
