import { z } from "zod";
import type { TNodeDefinition } from "../types";
import { MAIN_INPUT } from "../ports.shared";

export const ZConditionConfig = z.object({
  condition: z.string().trim().min(1, "Enter a condition, e.g. nodes.score.output.risk > 0.8"),
});

export const definition: TNodeDefinition<typeof ZConditionConfig> = {
  type: "control.condition",
  version: 1,
  label: "Condition",
  category: "control",
  icon: "split",
  description: "Goes out of True when the JSONata condition holds, else out of False.",
  configSchema: ZConditionConfig,
  defaults: { condition: "true" },
  inputs: MAIN_INPUT,
  outputs: () => [
    { id: "true", label: "True" },
    { id: "false", label: "False" },
  ],
  summary: (c) => `If ${c.condition}`,
  expressionFields: ["condition"],
  ui: { condition: { kind: "jsonata" } },
};
