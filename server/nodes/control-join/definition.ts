import { z } from "zod";
import type { TNodeDefinition } from "../types";
import { MAIN_INPUT, MAIN_OUTPUT } from "../ports.shared";

export const ZJoinConfig = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("all") }),
  z.object({ mode: z.literal("any") }),
  z.object({ mode: z.literal("n_of_m"), n: z.number().int().min(1, "n must be at least 1").max(50) }),
]);

export const definition: TNodeDefinition<typeof ZJoinConfig> = {
  type: "control.join",
  version: 1,
  label: "Join",
  category: "control",
  icon: "merge",
  description:
    "Waits for incoming branches: all of those taken, the first to arrive, or n of them. Its output maps each arrived node id to its output.",
  configSchema: ZJoinConfig,
  defaults: { mode: "all" },
  inputs: MAIN_INPUT,
  outputs: () => MAIN_OUTPUT,
  summary: (c) => (c.mode === "all" ? "Wait for all branches" : c.mode === "any" ? "Continue on the first branch" : `Wait for ${c.n} branches`),
  ui: {
    mode: { kind: "select", options: [{ value: "all", label: "All" }, { value: "any", label: "Any (first)" }, { value: "n_of_m", label: "n of m" }] },
  },
};
