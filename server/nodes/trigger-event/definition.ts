import { z } from "zod";
import type { TNodeDefinition } from "../types";
import { MAIN_OUTPUT, NO_PORTS } from "../ports.shared";

export const ZEventTriggerConfig = z.object({
  source: z.discriminatedUnion("kind", [
    z.object({
      kind: z.literal("workflow"),
      workflowId: z.string().min(1, "Choose the workflow whose runs start this one"),
      on: z.enum(["succeeded", "failed", "finished"]).default("succeeded"),
    }),
    z.object({ kind: z.literal("app"), eventName: z.string().regex(/^[a-z0-9_.-]{1,64}$/i, "Use letters, digits, dots, dashes") }),
  ]),
});

export const definition: TNodeDefinition<typeof ZEventTriggerConfig> = {
  type: "trigger.event",
  version: 1,
  label: "Event",
  category: "trigger",
  icon: "radio",
  description: "Starts a run when another workflow's run ends, or when an app publishes a named event. `trigger.body` holds the event.",
  configSchema: ZEventTriggerConfig,
  defaults: { source: { kind: "app", eventName: "incident.created" } },
  inputs: NO_PORTS,
  outputs: () => MAIN_OUTPUT,
  summary: (c) => (c.source.kind === "app" ? `On event ${c.source.eventName}` : `When a run of another workflow ${c.source.on}`),
  ui: { source: { kind: "json" } },
};
