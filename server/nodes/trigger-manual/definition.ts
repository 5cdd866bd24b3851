import { z } from "zod";
import type { TNodeDefinition } from "../types";
import { MAIN_OUTPUT, NO_PORTS } from "../ports.shared";

export const ZManualTriggerConfig = z.object({
  /** JSON Schema of the input form shown when someone starts a run by hand. */
  inputSchema: z.record(z.string(), z.unknown()).optional(),
  /** Pre-filled input for test runs from the canvas. */
  sampleInput: z.unknown().optional(),
});

export const definition: TNodeDefinition<typeof ZManualTriggerConfig> = {
  type: "trigger.manual",
  version: 1,
  label: "Manual trigger",
  category: "trigger",
  icon: "mouse-pointer-click",
  description: "Starts a run when someone clicks Run, with JSON input from a form. `trigger.body` holds the input.",
  configSchema: ZManualTriggerConfig,
  defaults: {},
  inputs: NO_PORTS,
  outputs: () => MAIN_OUTPUT,
  summary: (c) => (c.inputSchema ? "Run by hand with a form" : "Run by hand"),
  ui: { inputSchema: { kind: "json" }, sampleInput: { kind: "json" } },
};
