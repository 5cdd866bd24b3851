// Isomorphic: rows of the Settings pages.
import type { TRole } from "../auth/permissions";

/** One price of a model's history (ModelPrice): USD per million tokens, exact decimal strings. */
export type TModelPriceItem = {
  inputPricePerMTok: string;
  outputPricePerMTok: string;
  cachedInputPricePerMTok: string | null;
  /** ISO time from which calls were charged these prices. */
  validFrom: string;
  /** Who saved them (null: the seed, the migration that started the history, or a person since removed). */
  createdByName: string | null;
};

export type TModelListItem = {
  id: string;
  providerId: string;
  providerName: string;
  providerKind: string;
  isProviderEnabled: boolean;
  name: string;
  displayName: string;
  /** The current prices, which calls are charged at: USD per million tokens, exact decimal strings. */
  inputPricePerMTok: string;
  outputPricePerMTok: string;
  /** null: cached input tokens are charged at the input price. */
  cachedInputPricePerMTok: string | null;
  contextWindow: number;
  maxOutputTokens: number | null;
  capabilities: string[];
  region: string | null;
  tags: string[];
  isEnabled: boolean;
  updatedAt: string;
  /** The price history, newest first (the first entry is the current prices). */
  prices: TModelPriceItem[];
};

export type TTeamListItem = {
  id: string;
  slug: string;
  name: string;
  description: string;
  memberCount: number;
  roleCounts: Record<TRole, number>;
  workflowCount: number;
  /** When the team was archived (it starts no runs, takes no new workflows or API keys); null when it is not. */
  archivedAt: string | null;
};

export type TUserListItem = {
  id: string;
  name: string;
  email: string;
  isActive: boolean;
  isOrgAdmin: boolean;
  lastSignInAt: string | null;
  hasSso: boolean;
  /** Their password is a one-time one (or they have none yet): they must choose their own at the next sign-in. */
  isPasswordChangeRequired: boolean;
  /** When their newest unused one-time sign-in link expires (it may have expired already); null without one. */
  pendingLinkExpiresAt: string | null;
  /** Only the memberships in teams the viewer administers (all of them for the organisation admin). */
  memberships: { teamId: string; teamName: string; role: TRole; isTeamArchived: boolean }[];
};

