// Isomorphic: the app's sections and the action each one needs. The shell shows only what the person may open;
// each page checks the same action on the server.
import type { TAction } from "./permissions";

export type TNavItem = { href: string; label: string; icon: string; action: TAction };

export const NAV_ITEMS: TNavItem[] = [
  { href: "/workflows", label: "Workflows", icon: "workflow", action: "workflow:read" },
  { href: "/runs", label: "Runs", icon: "play", action: "run:read" },
  { href: "/inbox", label: "Inbox", icon: "inbox", action: "approval:read" },
  { href: "/dashboard", label: "Dashboard", icon: "chart", action: "dashboard:read" },
  { href: "/policies", label: "Policies", icon: "shield", action: "policy:read" },
  { href: "/agents", label: "Agents", icon: "bot", action: "agent:read" },
  // A team admin sees their teams' events; the organisation admin every event.
  { href: "/audit", label: "Audit", icon: "scroll", action: "audit:read" },
  // Builders open Settings for their teams' API keys, team admins for their teams' sections; the organisation-wide
  // ones are in SETTINGS_NAV. Everyone who holds team:administer also holds apikey:manage.
  { href: "/settings", label: "Settings", icon: "settings", action: "apikey:manage" },
];

export type TSettingsNavItem = { href: string; label: string; action: TAction };

/** Settings sections: organisation-wide ones need settings:read (organisation admin only). */
export const SETTINGS_NAV: TSettingsNavItem[] = [
  { href: "/settings/providers", label: "Providers", action: "settings:read" },
  { href: "/settings/models", label: "Models", action: "settings:read" },
  { href: "/settings/teams", label: "Teams", action: "team:administer" },
  { href: "/settings/users", label: "Users", action: "team:administer" },
  { href: "/settings/api-keys", label: "API keys", action: "apikey:manage" },
  { href: "/settings/engine", label: "Engine", action: "settings:read" },
  // The time zone budget periods follow and the budget alert webhook.
  { href: "/settings/organisation", label: "Organisation", action: "settings:read" },
];
