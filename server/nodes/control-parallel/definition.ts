import { z } from "zod";
import type { TNodeDefinition } from "../types";
import { MAIN_INPUT } from "../ports.shared";

export const ZParallelConfig = z.object({
  branches: z.number().int().min(2, "At least 2 branches").max(10, "At most 10 branches").default(2),
});

export const definition: TNodeDefinition<typeof ZParallelConfig> = {
  type: "control.parallel",
  version: 1,
  label: "Parallel",
  category: "control",
  icon: "git-branch-plus",
  description: "Starts every branch at once. Follow it with a Join to wait for all, any, or n of them.",
  configSchema: ZParallelConfig,
  defaults: { branches: 2 },
  inputs: MAIN_INPUT,
  outputs: (c) => Array.from({ length: c.branches }, (_, i) => ({ id: `branch_${i + 1}`, label: `Branch ${i + 1}` })),
  summary: (c) => `${c.branches} branches at once`,
  ui: { branches: { kind: "number" } },
};
