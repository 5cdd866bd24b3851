// Tools rule (pre): which workflows, teams and roles may call which HTTP hosts and MCP servers/tools. A policy
// without `http` (or `mcp`) says nothing about those calls; the organisation's outbound settings stay the floor and
// are enforced where calls are made, not here.
import type { TToolsRule } from "../document";
import { listWords, type TRuleFinding } from "../decision";
import type { TPolicyContext, TToolCall } from "../input";

type TGrantee = { workflows?: string[]; teams?: string[]; roles?: string[] };

function covers(grant: TGrantee, ctx: TPolicyContext): boolean {
  if (grant.workflows && !(ctx.workflow && grant.workflows.includes(ctx.workflow.id))) return false;
  if (grant.teams && !(ctx.teamId && grant.teams.includes(ctx.teamId))) return false;
  if (grant.roles && !(ctx.actor.role && grant.roles.includes(ctx.actor.role))) return false;
  return true;
}

/** `*.example.com` covers every subdomain of example.com, not example.com itself. */
export function hostMatches(pattern: string, host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, "");
  return pattern.startsWith("*.") ? h.endsWith(pattern.slice(1)) && h.length > pattern.length - 1 : h === pattern;
}

export function checkTools(rule: TToolsRule, call: TToolCall, ctx: TPolicyContext): TRuleFinding[] {
  const block = (reason: string): TRuleFinding[] => [{ kind: "tools", outcome: "block", reason }];
  if (call.kind === "http") {
    if (!rule.http) return [];
    const hosts = rule.http.filter((g) => covers(g, ctx)).flatMap((g) => g.hosts);
    if (hosts.some((p) => hostMatches(p, call.host))) return [];
    return block(
      hosts.length === 0
        ? `HTTP host ${call.host} is not allowed: no HTTP host is granted to this workflow, team and role`
        : `HTTP host ${call.host} is not allowed for this workflow, team and role (allowed: ${listWords(hosts)})`,
    );
  }
  if (!rule.mcp) return [];
  const grants = rule.mcp.filter((g) => covers(g, ctx) && g.server === call.server);
  if (grants.some((g) => !g.tools || g.tools.includes(call.tool))) return [];
  return block(
    grants.length === 0
      ? `MCP server ${call.server} is not granted to this workflow, team and role`
      : `MCP tool ${call.tool} of server ${call.server} is not allowed (allowed: ${listWords(grants.flatMap((g) => g.tools ?? []))})`,
  );
}
