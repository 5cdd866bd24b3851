import { z } from "zod";
import type { TNodeDefinition } from "../types";
import { MAIN_INPUT, MAIN_OUTPUT } from "../ports.shared";

export const ZDelayConfig = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("duration"), durationMs: z.number().int().min(0).max(90 * 86_400_000, "At most 90 days") }),
  z.object({ mode: z.literal("until"), until: z.string().trim().min(1, "Enter an expression giving a date and time") }),
]);

function describe(ms: number): string {
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min`;
  if (ms < 86_400_000) return `${Math.round(ms / 3_600_000)} h`;
  return `${Math.round(ms / 86_400_000)} days`;
}

export const definition: TNodeDefinition<typeof ZDelayConfig> = {
  type: "control.delay",
  version: 1,
  label: "Delay",
  category: "control",
  icon: "timer",
  description: "Waits for a duration or until a date and time. The run holds no worker while it waits and survives restarts.",
  configSchema: ZDelayConfig,
  defaults: { mode: "duration", durationMs: 60_000 },
  inputs: MAIN_INPUT,
  outputs: () => MAIN_OUTPUT,
  summary: (c) => (c.mode === "duration" ? `Wait ${describe(c.durationMs)}` : `Wait until ${c.until}`),
  expressionFields: ["until"],
  ui: { durationMs: { kind: "number" }, until: { kind: "jsonata" } },
};
