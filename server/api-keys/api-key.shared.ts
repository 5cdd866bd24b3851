// Isomorphic: the API keys' request schema and the shapes the Settings → API keys page and /api/api-keys exchange.
import { z } from "zod";
import { API_KEY_SCOPES, type TApiKeyScope } from "../auth/api-key-scopes.shared";

export const API_KEY_NAME_MAX = 100;

/** POST /api/api-keys. The expiry is checked against the clock on the server (it must lie in the future). */
export const ZCreateApiKey = z.object({
  name: z.string().trim().min(1, "Name the key, e.g. after the system that will use it.").max(API_KEY_NAME_MAX, `At most ${API_KEY_NAME_MAX} characters.`),
  teamId: z.string().min(1, "Choose the team the key acts in.").max(64),
  scopes: z
    .array(z.enum(API_KEY_SCOPES, { message: `Scopes are ${API_KEY_SCOPES.join(", ")}.` }))
    .min(1, "Choose at least one scope.")
    .max(API_KEY_SCOPES.length)
    .refine((s) => new Set(s).size === s.length, "Each scope once."),
  expiresAt: z.iso.datetime({ offset: true, message: "The expiry must be a date and time (ISO 8601), or null for none." }).nullable().default(null),
});
export type TCreateApiKey = z.input<typeof ZCreateApiKey>;

export type TApiKeyStatus = "active" | "expired" | "revoked";

export type TApiKeyListItem = {
  id: string;
  name: string;
  /** The 12 characters after `bk_`; the key itself is shown once, at creation, and never stored. */
  prefix: string;
  teamId: string;
  teamName: string;
  scopes: string[];
  createdByName: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  status: TApiKeyStatus;
  /** May the person looking revoke it (a key with the admin scope needs a team or organisation admin)? */
  canRevoke: boolean;
};

export type TApiKeyTeamOption = {
  id: string;
  name: string;
  /** The scopes this person may give a key of this team. */
  grantableScopes: TApiKeyScope[];
  /** Published workflows of the team (when the person may read them), for the example request shown with a new key. */
  publishedWorkflows: { id: string; name: string }[];
};

export type TCreatedApiKey = { apiKey: TApiKeyListItem; secret: string };
