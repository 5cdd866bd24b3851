import { z } from "zod";
import type { TNodeDefinition } from "../types";
import { MAIN_INPUT } from "../ports.shared";

export const ZSwitchConfig = z.object({
  cases: z
    .array(
      z.object({
        id: z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, "Case ids use lowercase letters, digits and _"),
        label: z.string().trim().min(1).max(60),
        when: z.string().trim().min(1, "Enter the case's condition"),
      }),
    )
    .min(1, "Add at least one case")
    .max(20)
    .refine((cases) => new Set(cases.map((c) => c.id)).size === cases.length, "Case ids must be unique"),
  /** first: only the first matching case fires; all: every matching case fires. */
  match: z.enum(["first", "all"]).default("first"),
});

export const definition: TNodeDefinition<typeof ZSwitchConfig> = {
  type: "control.switch",
  version: 1,
  label: "Switch",
  category: "control",
  icon: "git-fork",
  description: "Routes to the case whose JSONata condition holds (first match or all matches), else to Default.",
  configSchema: ZSwitchConfig,
  defaults: { cases: [{ id: "case_1", label: "Case 1", when: "true" }], match: "first" },
  inputs: MAIN_INPUT,
  outputs: (c) => [...c.cases.map((k) => ({ id: k.id, label: k.label })), { id: "default", label: "Default" }],
  summary: (c) => `${c.cases.length} case${c.cases.length === 1 ? "" : "s"} + default`,
  expressionFields: ["cases.*.when"],
  ui: { match: { kind: "select", options: [{ value: "first", label: "First match" }, { value: "all", label: "All matches" }] } },
};
