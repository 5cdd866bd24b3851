// Isomorphic contract of a node type's definition: everything the builder, the API and the worker need to know about
// a node without executing it. Executors live next to each definition in execute.ts (server-only).
import type { z } from "zod";
import type { TNodeCategory, TNodeType } from "../workflows/graph.shared";

export type TPortDef = {
  id: string;
  label: string;
  /** Shape of the data flowing through the port, for checking connections while dragging. */
  dataType?: "any" | "object" | "array" | "text";
};

export type TConfigUiHint =
  | { kind: "text" | "textarea" | "number" | "toggle" | "json" | "code" | "jsonata" | "template" | "key-value" }
  | { kind: "select"; options: { value: string; label: string }[] }
  | { kind: "model" | "route-or-model" | "credential" | "knowledge-base" | "workflow" };

export type TNodeDefinition<TSchema extends z.ZodType = z.ZodType> = {
  type: TNodeType;
  /** Bumped when the config shape changes; `migrations[n]` turns a version-n config into version n+1. */
  version: number;
  label: string;
  category: TNodeCategory;
  /** lucide icon name. */
  icon: string;
  description: string;
  configSchema: TSchema;
  defaults: z.input<TSchema>;
  /** Input ports (triggers have none). */
  inputs: TPortDef[];
  /** Output ports; may depend on the config (e.g. one per classifier label or switch case). */
  outputs: (config: z.infer<TSchema>) => TPortDef[];
  /** One line describing the configuration, shown on the canvas. */
  summary: (config: z.infer<TSchema>) => string;
  /** Config paths (dot-separated) holding JSONata expressions: validated to parse on save. */
  expressionFields?: string[];
  /** Config paths holding `{{ expression }}` templates. */
  templateFields?: string[];
  /** Calls the outside world: gets an idempotency key and is never re-run once it succeeded. */
  isSideEffecting?: boolean;
  ui?: Record<string, TConfigUiHint>;
  migrations?: Record<number, (config: Record<string, unknown>) => Record<string, unknown>>;
};

/** The error port every node gets when its settings route failures onward. */
export const ERROR_PORT: TPortDef = { id: "error", label: "On error", dataType: "object" };
