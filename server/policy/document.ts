// A policy version's document: typed rules, each optional. validatePolicyDocument (validate-document.ts) turns zod's
// issues into sentences that name the path.
//
// Rules say what they govern, not where a policy applies: the scope (organisation, team, workflow, agent, API key)
// belongs to the policy (scope.ts), and every policy that applies is evaluated on its own; evaluate.ts explains why
// that makes the most specific scope narrow, never widen, the broader ones.
import { z } from "zod";
import { parseJsonata } from "../engine/jsonata-value.shared";
import { checkFlags, checkPattern } from "./regex-guard";
import { USD_PATTERN } from "./money";
import { PII_TYPES } from "./pii/types";

export const DATA_CLASSIFICATIONS = ["public", "internal", "confidential", "restricted"] as const;
export const ROLES = ["admin", "builder", "approver", "viewer"] as const;
export const RISK_CLASSES = ["minimal", "limited", "high", "unacceptable"] as const;
export const MAX_LIST_LENGTH = 500;

const ZName = z.string().trim().min(1, "must not be empty").max(200, "must be at most 200 characters");
const ZNames = z.array(ZName).max(MAX_LIST_LENGTH);
const ZUsd = z.string().regex(USD_PATTERN, 'must be an amount in US dollars such as "12.50" (at most 8 decimals)');
// No message on z.int itself: zod would give it to the bound checks too ("must be a whole number" for 20,000,000).
const ZTokens = z.int().positive("must be more than 0").max(10_000_000);

/** Which models may run: `allow` lists (each given list must contain the model's value), `deny` lists. */
const ZModelMatch = z.strictObject({ models: ZNames.optional(), providers: ZNames.optional(), regions: ZNames.optional() });
export const ZModelsRule = z.strictObject({
  allow: ZModelMatch.optional(),
  deny: ZModelMatch.optional(),
  /** For workflows of a classification, only models matching this (e.g. confidential → regions ["eu"]). */
  classifications: z.partialRecord(z.enum(DATA_CLASSIFICATIONS), ZModelMatch).optional(),
});

export const PII_ACTIONS = ["redact", "block", "log"] as const;
export const RESTORE_POINTS = ["output", "approval"] as const;
/** What a model step keeps of the request that left Baton: all of it, its SHA-256, or nothing. */
export const RECORD_PROMPTS = ["full", "hash", "none"] as const;
export const ZPiiRule = z.strictObject({
  actions: z.partialRecord(z.enum(PII_TYPES), z.enum(PII_ACTIONS)),
  /** What is scanned: the prompt or payload before a step (pre), its output after (post). Both by default. */
  appliesTo: z.array(z.enum(["prompt", "completion"])).min(1).default(["prompt", "completion"]),
  /**
   * Where redacted values are put back inside the run: the Output node's result ("output") and the approver's view
   * of an approval ("approval"). Never in what is sent to a provider.
   */
  restoreIn: z.array(z.enum(RESTORE_POINTS)).default(["output", "approval"]),
  /** Stored run inputs and step outputs keep placeholders; only `revealRoles` may reveal the values (audited). */
  maskAtRest: z.boolean().default(false),
  revealRoles: z.array(z.enum(ROLES)).min(1).default(["admin"]),
});

const ZPattern = z
  .strictObject({ pattern: z.string(), flags: z.string().max(4).default(""), label: ZName.optional() })
  .superRefine((p, ctx) => {
    const flagsProblem = checkFlags(p.flags);
    if (flagsProblem) ctx.addIssue({ code: "custom", path: ["flags"], message: flagsProblem });
    const problem = flagsProblem ? null : checkPattern(p.pattern, p.flags);
    if (problem) ctx.addIssue({ code: "custom", path: ["pattern"], message: `Pattern ${problem}` });
  });
export const ZContentRule = z.strictObject({
  blockedTerms: ZNames.default([]),
  patterns: z.array(ZPattern).max(100).default([]),
  maxPromptTokens: ZTokens.optional(),
  maxCompletionTokens: ZTokens.optional(),
  maxCostPerCallUsd: ZUsd.optional(),
  /** What happens when a term, pattern or limit is hit. */
  action: z.enum(["block", "require_approval"]).default("block"),
});

/** Who a grant is for: workflow ids, team ids, the actor's role in the team; an omitted list means anyone. */
const ZGrantee = { workflows: ZNames.optional(), teams: ZNames.optional(), roles: z.array(z.enum(ROLES)).optional() };
const ZHost = z
  .string()
  .regex(/^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/, 'must be a lower-case host name such as "api.example.com" or "*.example.com"');
export const ZToolsRule = z.strictObject({
  /** When given, an HTTP call is allowed only to a host of a grant that covers the workflow, team and role. */
  http: z.array(z.strictObject({ hosts: z.array(ZHost).min(1).max(MAX_LIST_LENGTH), ...ZGrantee })).optional(),
  /** When given, an MCP tool call is allowed only through a matching grant (no `tools`: every tool of the server). */
  mcp: z.array(z.strictObject({ server: ZName, tools: ZNames.optional(), ...ZGrantee })).optional(),
});

const ZCondition = z
  .string()
  .max(2000)
  .superRefine((source, ctx) => {
    const problem = checkJsonata(source);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });
/**
 * How often a person is asked: "run" — once a person approved what this rule held in a run, later calls of the same
 * run held by the same policy version for nothing the approver did not see go ahead (server/policy/approved-earlier.ts);
 * "call" — before every call it holds.
 */
export const APPROVAL_PER = ["run", "call"] as const;
export type TApprovalPer = (typeof APPROVAL_PER)[number];
/**
 * A document that does not say (every one written before the field existed) means "run". Left unset rather than
 * filled in by the schema, so a stored version and the same document saved again stay equal.
 */
export const DEFAULT_APPROVAL_PER: TApprovalPer = "run";

export const ZApprovalRule = z.strictObject({
  /** JSONata over the step's context, e.g. `trigger.body.amount > 10000`. */
  condition: ZCondition.optional(),
  piiTypes: z.array(z.enum(PII_TYPES)).optional(),
  projectedCostOverUsd: ZUsd.optional(),
  agentRiskClasses: z.array(z.enum(RISK_CLASSES)).optional(),
  /** Unset: DEFAULT_APPROVAL_PER. */
  per: z.enum(APPROVAL_PER).optional(),
});

export function approvalPerOf(rule: TApprovalRule): TApprovalPer {
  return rule.per ?? DEFAULT_APPROVAL_PER;
}

// Budgets are not a rule of a document: each budget (the Budget table, server/budgets/) carries its amount, period,
// scope and action, and the evaluator checks every budget that covers a call (rules/budget.ts).
export const ZPolicyDocument = z.strictObject({
  models: ZModelsRule.optional(),
  pii: ZPiiRule.optional(),
  content: ZContentRule.optional(),
  tools: ZToolsRule.optional(),
  approvalWhen: ZApprovalRule.optional(),
  /** Unset: "full". Where several policies apply, the one keeping least wins (none, then hash, then full). */
  recordPrompts: z.enum(RECORD_PROMPTS).optional(),
});

export type TPolicyDocument = z.infer<typeof ZPolicyDocument>;
export type TModelsRule = z.infer<typeof ZModelsRule>;
export type TPiiRule = z.infer<typeof ZPiiRule>;
export type TContentRule = z.infer<typeof ZContentRule>;
export type TToolsRule = z.infer<typeof ZToolsRule>;
export type TApprovalRule = z.infer<typeof ZApprovalRule>;
export type TDataClassification = (typeof DATA_CLASSIFICATIONS)[number];
export type TRole = (typeof ROLES)[number];
export type TRiskClass = (typeof RISK_CLASSES)[number];
/** What a fired rule is: a rule of a policy document, or a budget. */
export type TRuleKind = keyof TPolicyDocument | "budget";

/** Parses the condition as the engine's expressions are parsed (jsonata-value.shared.ts); null when it parses. */
export function checkJsonata(source: string): string | null {
  if (source.trim() === "") return "Condition is empty";
  const parsed = parseJsonata(source);
  return parsed.isValid ? null : `Condition is not a valid JSONata expression: ${parsed.message}`;
}
