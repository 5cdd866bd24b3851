import type { TDb } from "../db/client";
import { teamsWhere, type TPrincipal } from "../auth/permissions";
import type { TAgentListItem } from "./agent-list.shared";

/** The agent registry of the teams where the person has agent:read. */
export async function listAgents(db: TDb, principal: TPrincipal): Promise<TAgentListItem[]> {
  const teamIds = teamsWhere(principal, "agent:read");
  if (teamIds.length === 0) return [];
  const rows = await db.agent.findMany({
    where: { teamId: { in: teamIds } },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    select: {
      id: true,
      name: true,
      purpose: true,
      riskClass: true,
      status: true,
      allowedModels: true,
      allowedTools: true,
      team: { select: { name: true } },
      owner: { select: { name: true } },
      workflow: { select: { id: true, name: true } },
    },
  });
  return rows.map((a) => ({
    id: a.id,
    name: a.name,
    teamName: a.team.name,
    ownerName: a.owner.name,
    purpose: a.purpose,
    riskClass: a.riskClass,
    status: a.status,
    workflow: a.workflow,
    allowedModels: a.allowedModels,
    allowedTools: a.allowedTools,
  }));
}
