// Shapes policy rows for the API and the Policies page: scopes with their targets' names, authors' names.
import type { TDb } from "../db/client";
import type { TPolicyScopeView } from "./policy-detail.shared";
import type { TScopeColumns } from "./stored-scope";

type TScopedRow = TScopeColumns & { id: string };

const KIND_LABELS = { team: "Team", workflow: "Workflow", agent: "Agent", api_key: "API key" } as const;

/** The scope of each row, with the name of its target (looked up in one query per kind). */
export async function describeScopes(db: TDb, rows: readonly TScopedRow[]): Promise<Map<string, TPolicyScopeView>> {
  const ids = (pick: (r: TScopedRow) => string | null) => [...new Set(rows.flatMap((r) => (pick(r) ? [pick(r)!] : [])))];
  const [teams, workflows, agents, keys] = await Promise.all([
    db.team.findMany({ where: { id: { in: ids((r) => r.teamId) } }, select: { id: true, name: true } }),
    db.workflow.findMany({ where: { id: { in: ids((r) => r.workflowId) } }, select: { id: true, name: true } }),
    db.agent.findMany({ where: { id: { in: ids((r) => r.agentId) } }, select: { id: true, name: true } }),
    db.apiKey.findMany({ where: { id: { in: ids((r) => r.apiKeyId) } }, select: { id: true, name: true } }),
  ]);
  const names = (list: { id: string; name: string }[]) => new Map(list.map((x) => [x.id, x.name]));
  const teamNames = names(teams);
  const byKind = { team: teamNames, workflow: names(workflows), agent: names(agents), api_key: names(keys) };
  const views = new Map<string, TPolicyScopeView>();
  for (const row of rows) {
    const teamName = row.teamId ? (teamNames.get(row.teamId) ?? null) : null;
    if (row.scope === "org") {
      views.set(row.id, { kind: "org", targetId: null, targetName: null, teamId: null, teamName: null, label: "Organisation" });
      continue;
    }
    const targetId = row.scope === "team" ? row.teamId : row.scope === "workflow" ? row.workflowId : row.scope === "agent" ? row.agentId : row.apiKeyId;
    const targetName = targetId ? (byKind[row.scope].get(targetId) ?? null) : null;
    const kindLabel = KIND_LABELS[row.scope];
    const label =
      targetName === null
        ? `${kindLabel} (deleted)`
        : row.scope === "team" || teamName === null
          ? `${kindLabel} ${targetName}`
          : `${kindLabel} ${targetName} (${teamName})`;
    views.set(row.id, { kind: row.scope, targetId, targetName, teamId: row.teamId, teamName, label });
  }
  return views;
}

/** Display names of people by id; "A former user" for ids no longer present. */
export async function userNames(db: TDb, ids: readonly (string | null)[]): Promise<(id: string | null) => string | null> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  const users = wanted.length ? await db.user.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true } }) : [];
  const names = new Map(users.map((u) => [u.id, u.name]));
  return (id) => (id === null ? null : (names.get(id) ?? "A former user"));
}
