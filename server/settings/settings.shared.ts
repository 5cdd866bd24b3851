// Isomorphic: rows of the Settings pages.
import type { TRole } from "../auth/permissions";

export type TModelListItem = {
  id: string;
  providerName: string;
  providerKind: string;
  isProviderEnabled: boolean;
  name: string;
  displayName: string;
  /** USD per million tokens, exact decimal strings. */
  inputPricePerMTok: string;
  outputPricePerMTok: string;
  contextWindow: number;
  maxOutputTokens: number | null;
  capabilities: string[];
  region: string | null;
  isEnabled: boolean;
};

export type TTeamListItem = {
  id: string;
  slug: string;
  name: string;
  description: string;
  memberCount: number;
  roleCounts: Record<TRole, number>;
  workflowCount: number;
};

export type TUserListItem = {
  id: string;
  name: string;
  email: string;
  isActive: boolean;
  isOrgAdmin: boolean;
  lastSignInAt: string | null;
  hasSso: boolean;
  /** Only the memberships in teams the viewer administers (all of them for the organisation admin). */
  memberships: { teamName: string; role: TRole }[];
};

export type TApiKeyListItem = {
  id: string;
  name: string;
  prefix: string;
  teamName: string;
  scopes: string[];
  createdByName: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  isExpired: boolean;
};
