// The scope a new policy is created with: its kind and, except for the organisation, the team, workflow, agent or API
// key it applies to. The target must exist and be visible to the person (a team's target is "not found" to people
// outside that team, so ids of other teams reveal nothing); the owning team is what write access is checked against.
import { z } from "zod";
import type { TDb } from "../db/client";
import type { TPrincipal } from "../auth/permissions";
import { AppError } from "../errors";
import { SCOPE_KINDS, type TPolicyScope, type TScopeKind } from "../policy/scope";
import { isIdShaped } from "./policy-access";

const TARGET_WORDS: Record<TScopeKind, string> = { org: "organisation", team: "team", workflow: "workflow", agent: "agent", api_key: "API key" };

const KIND_WORDS = `"org", "team", "workflow", "agent" or "api_key"`;

export const ZPolicyScopeInput = z
  .strictObject({
    kind: z.enum(SCOPE_KINDS, {
      error: (issue) =>
        issue.input === undefined
          ? `Choose a scope: ${KIND_WORDS}`
          : `Unknown scope ${JSON.stringify(issue.input)}: use ${KIND_WORDS}`,
    }),
    /** The team, workflow, agent or API key id; left out for "org". */
    targetId: z.string().max(200).optional(),
  })
  .superRefine((s, ctx) => {
    if (s.kind === "org" && s.targetId !== undefined) {
      ctx.addIssue({ code: "custom", path: ["targetId"], message: "An organisation policy applies everywhere: leave the target out." });
    }
    if (s.kind !== "org" && (s.targetId === undefined || s.targetId.trim() === "")) {
      ctx.addIssue({ code: "custom", path: ["targetId"], message: `Say which ${TARGET_WORDS[s.kind]} the policy applies to (its id).` });
    }
  });
export type TPolicyScopeInput = z.infer<typeof ZPolicyScopeInput>;

export type TScopeTarget = {
  scope: TPolicyScope;
  /** The owning team (null for the organisation) and its name. */
  teamId: string | null;
  teamName: string | null;
};

type TFound = { teamId: string; teamName: string } | null;

async function findTarget(db: TDb, kind: Exclude<TScopeKind, "org">, id: string): Promise<TFound> {
  if (!isIdShaped(id)) return null;
  const teamOf = (row: { teamId: string; team: { name: string } } | null): TFound => (row ? { teamId: row.teamId, teamName: row.team.name } : null);
  const team = { select: { name: true } } as const;
  switch (kind) {
    case "team": {
      const row = await db.team.findUnique({ where: { id }, select: { id: true, name: true } });
      return row ? { teamId: row.id, teamName: row.name } : null;
    }
    case "workflow":
      return teamOf(await db.workflow.findUnique({ where: { id }, select: { teamId: true, team } }));
    case "agent":
      return teamOf(await db.agent.findUnique({ where: { id }, select: { teamId: true, team } }));
    case "api_key":
      return teamOf(await db.apiKey.findUnique({ where: { id }, select: { teamId: true, team } }));
  }
}

export async function resolveScopeTarget(db: TDb, principal: TPrincipal, input: TPolicyScopeInput): Promise<TScopeTarget> {
  if (input.kind === "org") return { scope: { kind: "org" }, teamId: null, teamName: null };
  const id = (input.targetId ?? "").trim();
  const found = await findTarget(db, input.kind, id);
  const isVisible = found !== null && (principal.isOrgAdmin || principal.memberships.some((m) => m.teamId === found.teamId));
  if (!found || !isVisible) {
    throw new AppError("VALIDATION", `No ${TARGET_WORDS[input.kind]} with the id ${JSON.stringify(id.slice(0, 64))} exists in your teams.`, {
      issues: [{ path: "scope.targetId", message: `No ${TARGET_WORDS[input.kind]} with this id exists in your teams.` }],
    });
  }
  const scope: TPolicyScope =
    input.kind === "team"
      ? { kind: "team", teamId: id }
      : input.kind === "workflow"
        ? { kind: "workflow", workflowId: id }
        : input.kind === "agent"
          ? { kind: "agent", agentId: id }
          : { kind: "api_key", apiKeyId: id };
  return { scope, teamId: found.teamId, teamName: found.teamName };
}

/** The Policy columns that store a scope. */
export function scopeColumns(target: TScopeTarget) {
  const s = target.scope;
  return {
    scope: s.kind,
    teamId: target.teamId,
    workflowId: s.kind === "workflow" ? s.workflowId : null,
    agentId: s.kind === "agent" ? s.agentId : null,
    apiKeyId: s.kind === "api_key" ? s.apiKeyId : null,
  };
}
