import { z } from "zod";
import type { TNodeDefinition } from "../types";
import { MAIN_INPUT, NO_PORTS } from "../ports.shared";

export const ZOutputConfig = z.object({
  /** JSONata expression giving the run's result. */
  value: z.string().trim().min(1, "Enter what the run returns, e.g. nodes.draft.output"),
});

export const definition: TNodeDefinition<typeof ZOutputConfig> = {
  type: "control.output",
  version: 1,
  label: "Output",
  category: "control",
  icon: "flag",
  description: "Ends this path and sets the run's result (what a waiting webhook caller or a parent workflow receives).",
  configSchema: ZOutputConfig,
  defaults: { value: "trigger.body" },
  inputs: MAIN_INPUT,
  outputs: () => NO_PORTS,
  summary: (c) => `Return ${c.value}`,
  expressionFields: ["value"],
  ui: { value: { kind: "jsonata" } },
};
