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
  { href: "/audit", label: "Audit", icon: "scroll", action: "audit:read" },
  { href: "/settings", label: "Settings", icon: "settings", action: "settings:read" },
];
