import { z } from "zod";
import type { TNodeDefinition } from "../types";
import { MAIN_INPUT, MAIN_OUTPUT } from "../ports.shared";

export const ZSubworkflowConfig = z.object({
  workflowId: z.string().min(1, "Choose the workflow to call"),
  /** JSONata expression giving the child's input (its `trigger.body`). */
  input: z.string().trim().default("trigger.body"),
});

export const definition: TNodeDefinition<typeof ZSubworkflowConfig> = {
  type: "control.subworkflow",
  version: 1,
  label: "Sub-workflow",
  category: "control",
  icon: "workflow",
  description: "Runs the published version of another workflow and waits for its result, without holding a worker.",
  configSchema: ZSubworkflowConfig,
  defaults: { workflowId: "", input: "trigger.body" },
  inputs: MAIN_INPUT,
  outputs: () => MAIN_OUTPUT,
  summary: (c) => (c.workflowId ? "Call a published workflow and wait" : "Choose a workflow"),
  expressionFields: ["input"],
  ui: { workflowId: { kind: "workflow" }, input: { kind: "jsonata" } },
};
