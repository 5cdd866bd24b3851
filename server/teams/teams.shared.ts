// Isomorphic: what the team API returns and the Settings → Teams pages show.
import type { TRole } from "../auth/permissions";

export type TTeamRecord = {
  id: string;
  slug: string;
  name: string;
  description: string;
  /** When it was archived; null while it is not. */
  archivedAt: string | null;
  createdAt: string;
  updatedAt: string;
};

export type TTeamMember = {
  userId: string;
  name: string;
  email: string;
  role: TRole;
  isActive: boolean;
  hasSso: boolean;
};

/** A person the organisation admin may add (an account not in the team yet). */
export type TMemberCandidate = { id: string; name: string; email: string };

export type TTeamDetail = {
  team: TTeamRecord;
  members: TTeamMember[];
  /** Accounts not in the team, for the organisation admin's picker; empty for a team admin (who adds by email). */
  candidates: TMemberCandidate[];
  /** May archive and restore it (organisation admins). */
  canManage: boolean;
};
