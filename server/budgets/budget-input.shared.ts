// Isomorphic: what a person sends to create or change a budget (the API's body and the form's model), checked with zod
// in the browser as they type and again on the server, where the targets are also checked against the database.
import { z } from "zod";
import { USD_PATTERN } from "../policy/money";

export const BUDGET_SCOPES = ["org", "team", "workflow", "api_key", "agent", "user"] as const;
export const BUDGET_PERIODS = ["day", "week", "month"] as const;
export const BUDGET_ACTIONS = ["block", "require_approval", "downgrade"] as const;
export type TBudgetScope = (typeof BUDGET_SCOPES)[number];
export type TBudgetPeriodName = (typeof BUDGET_PERIODS)[number];
export type TBudgetAction = (typeof BUDGET_ACTIONS)[number];

export const SCOPE_LABELS: Record<TBudgetScope, string> = {
  org: "Organisation",
  team: "Team",
  workflow: "Workflow",
  api_key: "API key",
  agent: "Agent",
  user: "Person",
};
export const PERIOD_LABELS: Record<TBudgetPeriodName, string> = { day: "Daily", week: "Weekly", month: "Monthly" };
export const ACTION_LABELS: Record<TBudgetAction, string> = {
  block: "Block the call",
  require_approval: "Ask for approval",
  downgrade: "Downgrade to a cheaper model",
};

const id = z.string().trim().min(1).max(100);

export const ZBudgetInput = z
  .strictObject({
    name: z.string({ error: "Give the budget a name." }).trim().min(1, "Give the budget a name.").max(120, "A budget name has at most 120 characters."),
    scope: z.enum(BUDGET_SCOPES, { error: "Choose what the budget covers: org, team, workflow, api_key, agent or user." }),
    /** The team the budget belongs to: required for every scope but org (and optional for a person's budget). */
    teamId: id.nullable().optional(),
    /** The workflow, API key, agent or person (user id) the budget covers, for those scopes. */
    targetId: id.nullable().optional(),
    period: z.enum(BUDGET_PERIODS, { error: "Choose a period: day, week or month." }),
    amountUsd: z
      .string({ error: 'Enter the amount in US dollars as text, e.g. "50" or "12.50".' })
      .trim()
      .regex(USD_PATTERN, "Enter the amount in US dollars as a decimal number, e.g. 50 or 12.50 (at most 10 digits before the point and 8 after)."),
    warnAt: z
      .number({ error: "Enter the warning share as a number between 0.01 and 1 (e.g. 0.8 for 80 %)." })
      .min(0.01, "Warn at 1 % of the amount or more.")
      .max(1, "Warn at 100 % of the amount or less.")
      .refine((v) => Math.abs(v * 1000 - Math.round(v * 1000)) < 1e-9, "Warn at a share with at most three decimals (e.g. 0.825)."),
    onExceeded: z.enum(BUDGET_ACTIONS, { error: "Choose what happens past the amount: block, require_approval or downgrade." }),
    /** The model name calls are downgraded to, for `downgrade`. */
    downgradeTo: z.string().trim().max(200).nullable().optional(),
  })
  .superRefine((v, ctx) => {
    const needsTarget = v.scope === "workflow" || v.scope === "api_key" || v.scope === "agent" || v.scope === "user";
    if (v.scope === "org" && v.teamId) ctx.addIssue({ code: "custom", path: ["teamId"], message: "An organisation budget belongs to no team: leave the team empty." });
    if (v.scope !== "org" && v.scope !== "user" && !v.teamId) ctx.addIssue({ code: "custom", path: ["teamId"], message: "Choose the team the budget belongs to." });
    if (needsTarget && !v.targetId) {
      ctx.addIssue({ code: "custom", path: ["targetId"], message: `Choose the ${SCOPE_LABELS[v.scope].toLowerCase()} the budget covers.` });
    }
    if (!needsTarget && v.targetId) ctx.addIssue({ code: "custom", path: ["targetId"], message: `A ${SCOPE_LABELS[v.scope].toLowerCase()} budget has no target: leave it empty.` });
    if (v.onExceeded === "downgrade" && !v.downgradeTo) ctx.addIssue({ code: "custom", path: ["downgradeTo"], message: "Choose the model calls are downgraded to." });
    if (v.onExceeded !== "downgrade" && v.downgradeTo) ctx.addIssue({ code: "custom", path: ["downgradeTo"], message: "A model to downgrade to is only used with the downgrade action: leave it empty." });
  });
export type TBudgetInput = z.infer<typeof ZBudgetInput>;

export type TBudgetTarget = { id: string; name: string; teamId: string };

/** What the budget form offers a person: only teams (and their targets) where they may manage budgets. */
export type TBudgetFormOptions = {
  /** Organisation budgets, and a person's budget across every team. */
  canManageOrg: boolean;
  teams: { id: string; name: string }[];
  targets: Record<"workflow" | "api_key" | "agent" | "user", TBudgetTarget[]>;
  /** Everyone, for a person's budget across every team (organisation admins only; empty otherwise). */
  people: { id: string; name: string }[];
  /** Model names calls may be downgraded to. */
  models: string[];
};
