import type { TActor } from "../audit/append";
import type { TPrincipal } from "./permissions";

/**
 * Who the audit trail names for a request: the API key when the request authenticated with one (its creator is in the
 * key's own audit events and in Settings → API keys), else the person signed in.
 */
export function principalActor(principal: TPrincipal): TActor {
  if (principal.apiKey) {
    return { type: "api_key", id: principal.apiKey.id, label: `${principal.apiKey.name} (bk_${principal.apiKey.prefix}…)` };
  }
  return { type: "user", id: principal.id, label: principal.email };
}
