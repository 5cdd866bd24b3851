import { z } from "zod";
import type { TNodeDefinition } from "../types";
import { MAIN_INPUT } from "../ports.shared";

// Code node: a JavaScript function body run in a QuickJS WebAssembly sandbox (no network, filesystem, modules or
// timers), with time and memory limits. Isomorphic: zod and metadata only.

export const CODE_LIMITS = {
  maxCodeChars: 100_000,
  // Scripts run on a small pool of threads (server/sandbox/): a long limit holds one of them that long, so keep it short.
  timeoutMs: { min: 10, default: 1000, max: 5_000 },
  memoryLimitMb: { min: 8, default: 32, max: 256 },
} as const;

export const ZCodeConfig = z.object({
  /** Body of a synchronous function receiving `input` (trigger, nodes, item, index, run); ends with `return <json>`. */
  code: z
    .string()
    .max(CODE_LIMITS.maxCodeChars, `Code is limited to ${CODE_LIMITS.maxCodeChars.toLocaleString("en")} characters`)
    .refine((code) => code.trim().length > 0, "Write the code to run, ending with `return <value>`"),
  timeoutMs: z
    .number()
    .int("Use a whole number of milliseconds")
    .min(CODE_LIMITS.timeoutMs.min, `The time limit must be at least ${CODE_LIMITS.timeoutMs.min} ms`)
    .max(CODE_LIMITS.timeoutMs.max, `The time limit can be at most ${CODE_LIMITS.timeoutMs.max.toLocaleString("en")} ms`)
    .default(CODE_LIMITS.timeoutMs.default),
  memoryLimitMb: z
    .number()
    .int("Use a whole number of megabytes")
    .min(CODE_LIMITS.memoryLimitMb.min, `The memory limit must be at least ${CODE_LIMITS.memoryLimitMb.min} MB`)
    .max(CODE_LIMITS.memoryLimitMb.max, `The memory limit can be at most ${CODE_LIMITS.memoryLimitMb.max} MB`)
    .default(CODE_LIMITS.memoryLimitMb.default),
});
export type TCodeConfig = z.infer<typeof ZCodeConfig>;

export type TCodeOutput = {
  result: unknown;
  logs: { level: "log" | "info" | "warn" | "error" | "debug"; message: string }[];
};

const DEFAULT_CODE = `// \`input\` holds trigger, nodes (each with .output), item and index inside loops.
const items = input.trigger.body?.items ?? [];
const total = items.reduce((sum, item) => sum + (item.price ?? 0), 0);
console.log("items:", items.length);
return { total, count: items.length };`;

export const definition: TNodeDefinition<typeof ZCodeConfig> = {
  type: "tool.code",
  version: 1,
  label: "Code",
  category: "tool",
  icon: "code-2",
  description:
    "Runs a JavaScript function body on the data of earlier steps and returns JSON. Sandboxed: no network, files, modules or timers; limited in time and memory. console.log lines are kept with the output.",
  configSchema: ZCodeConfig,
  defaults: {
    code: DEFAULT_CODE,
    timeoutMs: CODE_LIMITS.timeoutMs.default,
    memoryLimitMb: CODE_LIMITS.memoryLimitMb.default,
  },
  inputs: MAIN_INPUT,
  outputs: () => [{ id: "out", label: "Output", dataType: "object" }],
  summary: (config) => {
    const lines = config.code.split("\n").filter((line) => line.trim() !== "").length;
    return `JavaScript, ${lines} ${lines === 1 ? "line" : "lines"} · ${config.timeoutMs} ms · ${config.memoryLimitMb} MB`;
  },
  ui: { code: { kind: "code" }, timeoutMs: { kind: "number" }, memoryLimitMb: { kind: "number" } },
};
