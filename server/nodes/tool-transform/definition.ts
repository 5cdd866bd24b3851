import { z } from "zod";
import type { TNodeDefinition } from "../types";
import { MAIN_INPUT } from "../ports.shared";

// Transform node: reshapes data with one JSONata expression; its value is the output. Isomorphic.

export const ZTransformConfig = z.object({
  /** JSONata over the scope, e.g. `{"total": $sum(nodes.fetch.output.body.items.price)}`. */
  expression: z
    .string()
    .max(100_000, "The expression is limited to 100,000 characters")
    .refine((source) => source.trim().length > 0, 'Enter a JSONata expression, e.g. {"name": trigger.body.name}'),
});
export type TTransformConfig = z.infer<typeof ZTransformConfig>;

export const definition: TNodeDefinition<typeof ZTransformConfig> = {
  type: "tool.transform",
  version: 1,
  label: "Transform",
  category: "tool",
  icon: "shuffle",
  description:
    "Reshapes data with a JSONata expression over the trigger and earlier steps (pick fields, filter, sum, build objects). Its value is the step's output.",
  configSchema: ZTransformConfig,
  defaults: { expression: '{\n  "body": trigger.body\n}' },
  inputs: MAIN_INPUT,
  outputs: () => [{ id: "out", label: "Output", dataType: "any" }],
  summary: (config) => {
    const oneLine = config.expression.replace(/\s+/g, " ").trim();
    return oneLine.length > 60 ? `${oneLine.slice(0, 59)}…` : oneLine;
  },
  expressionFields: ["expression"],
  ui: { expression: { kind: "jsonata" } },
};
