import { z } from "zod";
import type { TNodeDefinition } from "../types";

export const ZLoopConfig = z.object({
  items: z.string().trim().min(1, "Enter an expression that gives a list, e.g. trigger.body.orders"),
  concurrency: z.number().int().min(1).max(50).default(5),
  maxItems: z.number().int().min(1).max(10_000).default(1000),
});

export const definition: TNodeDefinition<typeof ZLoopConfig> = {
  type: "control.loop",
  version: 1,
  label: "Loop over items",
  category: "control",
  icon: "repeat",
  description:
    "Runs the nodes connected to Each item once per element of a list (`item` and `index` in expressions), up to the concurrency at once. " +
    "Connect the last node of the body back to Next; Done fires with `results`, one per item, in order.",
  configSchema: ZLoopConfig,
  defaults: { items: "trigger.body.items", concurrency: 5, maxItems: 1000 },
  inputs: [
    { id: "in", label: "Input" },
    { id: "back", label: "Next (end of body)" },
  ],
  outputs: () => [
    { id: "item", label: "Each item" },
    { id: "done", label: "Done", dataType: "array" },
  ],
  summary: (c) => `For each of ${c.items} (${c.concurrency} at a time)`,
  expressionFields: ["items"],
  ui: { items: { kind: "jsonata" }, concurrency: { kind: "number" }, maxItems: { kind: "number" } },
};
