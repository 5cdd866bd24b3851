// The state of a team that others depend on: is it there, and is it open for new work (not archived)?
import { archivedTeamMessage } from "../auth/permissions";
import type { Prisma } from "../db/generated/client";
import { AppError } from "../errors";

type TTx = Prisma.TransactionClient;

/**
 * Refuses new things in an archived team (workflows, API keys, members' accounts): locks the team's row FOR SHARE
 * until the transaction ends, so an archive that runs at the same time waits for it, and one that came first is seen.
 * `field` names the input field for the 400 when the team does not exist.
 */
export async function lockOpenTeam(tx: TTx, teamId: string, field = "teamId"): Promise<{ id: string; name: string; slug: string }> {
  const [team] = await tx.$queryRaw<{ id: string; name: string; slug: string; archivedAt: Date | null }[]>`
    SELECT id, name, slug, "archivedAt" FROM "Team" WHERE id = ${teamId} FOR SHARE`;
  if (!team) {
    throw new AppError("VALIDATION", "Some fields are missing or invalid.", { issues: [{ path: field, message: `No team has the id ${teamId}.` }] });
  }
  if (team.archivedAt) throw new AppError("CONFLICT", archivedTeamMessage(team.name));
  return { id: team.id, name: team.name, slug: team.slug };
}
