import { describe, expect, it } from "vitest";
import {
  assertCan,
  can,
  highestRole,
  teamScope,
  teamsWhere,
  type TAction,
  type TPrincipal,
  type TRole,
} from "./permissions";
import { NAV_ITEMS, SETTINGS_NAV } from "./navigation";
import { API_KEY_SCOPE_OF, API_KEY_SCOPES, type TApiKeyScope } from "./api-key-scopes.shared";

const ALL_ACTIONS = Object.keys(API_KEY_SCOPE_OF) as TAction[];

const person = (roles: Record<string, TRole>, isOrgAdmin = false, archived: string[] = []): TPrincipal => ({
  id: "u",
  email: "u@x",
  name: "U",
  isOrgAdmin,
  memberships: Object.entries(roles).map(([teamId, role]) => ({
    teamId,
    teamSlug: teamId,
    teamName: teamId,
    role,
    isTeamArchived: archived.includes(teamId),
  })),
});

const navFor = (p: TPrincipal) => NAV_ITEMS.filter((i) => can(p, i.action)).map((i) => i.label);
const settingsFor = (p: TPrincipal) => SETTINGS_NAV.filter((i) => can(p, i.action)).map((i) => i.label);

/** Actions no team role grants: only the organisation admin holds them. */
const ORG_WIDE: TAction[] = [
  "system:emergency-stop",
  "settings:read",
  "settings:write",
  "audit:verify",
  "user:manage",
  "team:manage",
  "policy:write-org",
];

describe("permissions", () => {
  it("shows each role the sections it may open", () => {
    const all = ["Workflows", "Runs", "Inbox", "Dashboard", "Policies", "Agents", "Audit", "Settings"];
    expect(navFor(person({ a: "admin" }, true))).toEqual(all);
    expect(navFor(person({ a: "admin" }))).toEqual(all);
    expect(navFor(person({}, true))).toEqual(["Audit", "Settings"]);
    // Builders open Settings for their teams' API keys.
    expect(navFor(person({ a: "builder" }))).toEqual(["Workflows", "Runs", "Inbox", "Dashboard", "Policies", "Agents", "Settings"]);
    expect(navFor(person({ a: "approver" }))).toEqual([
      "Workflows",
      "Runs",
      "Inbox",
      "Dashboard",
      "Policies",
      "Agents",
    ]);
    expect(navFor(person({ a: "viewer" }))).toEqual(["Workflows", "Runs", "Dashboard", "Policies", "Agents"]);
    expect(navFor(person({}))).toEqual([]);
  });

  it("shows organisation-wide Settings sections to organisation admins only", () => {
    const all = ["Providers", "Models", "Teams", "Users", "API keys", "Engine", "Organisation"];
    expect(settingsFor(person({}, true))).toEqual(all);
    expect(settingsFor(person({ a: "admin" }, true))).toEqual(all);
    expect(settingsFor(person({ a: "admin" }))).toEqual(["Teams", "Users", "API keys"]);
    expect(settingsFor(person({ a: "builder", b: "viewer" }))).toEqual(["API keys"]);
    expect(settingsFor(person({ a: "approver", b: "viewer" }))).toEqual([]);
  });

  it("scopes team actions to the team of the resource", () => {
    const p = person({ a: "builder", b: "viewer" });
    expect(can(p, "workflow:write", { teamId: "a" })).toBe(true);
    expect(can(p, "workflow:write", { teamId: "b" })).toBe(false);
    expect(can(p, "workflow:read", { teamId: "b" })).toBe(true);
    expect(can(p, "workflow:read", { teamId: "c" })).toBe(false);
    expect(teamsWhere(p, "workflow:write")).toEqual(["a"]);
  });

  it("gives organisation-wide actions to the organisation admin only, never to a team admin", () => {
    for (const action of ORG_WIDE) {
      expect(can(person({}, true), action), `org admin without teams: ${action}`).toBe(true);
      expect(can(person({ a: "admin", b: "admin" }), action), `admin of every team: ${action}`).toBe(false);
      expect(can(person({ a: "builder" }), action), `builder: ${action}`).toBe(false);
      expect(can(person({ a: "approver" }), action), `approver: ${action}`).toBe(false);
      expect(can(person({ a: "viewer" }), action), `viewer: ${action}`).toBe(false);
    }
    expect(() => assertCan(person({ a: "admin" }), "system:emergency-stop")).toThrow(/organisation admin/);
    expect(() => assertCan(person({ a: "approver" }), "user:manage")).toThrow(/permission/);
  });

  it("lets a team admin administer, audit and budget their own team only; the organisation admin every team", () => {
    const teamAdmin = person({ a: "admin", b: "viewer" });
    for (const action of ["audit:read", "team:administer", "policy:write", "budget:manage"] as const) {
      expect(can(teamAdmin, action)).toBe(true);
      expect(can(teamAdmin, action, { teamId: "a" })).toBe(true);
      expect(can(teamAdmin, action, { teamId: "b" })).toBe(false);
      expect(can(teamAdmin, action, { teamId: "c" })).toBe(false);
      expect(can(person({}, true), action, { teamId: "c" })).toBe(true);
      expect(can(person({ a: "builder" }), action, { teamId: "a" })).toBe(false);
      expect(can(person({ a: "approver" }), action)).toBe(false);
      expect(can(person({ a: "viewer" }), action)).toBe(false);
    }
    expect(teamScope(teamAdmin, "audit:read")).toEqual({ isOrgWide: false, teamIds: ["a"] });
    expect(teamScope(person({ a: "builder" }, true), "audit:read")).toEqual({ isOrgWide: true });
    expect(teamScope(person({ a: "builder" }), "team:administer")).toEqual({ isOrgWide: false, teamIds: [] });
  });

  it("does not turn the organisation role into team work: an org admin outside a team cannot build or decide there", () => {
    const orgAdmin = person({ a: "viewer" }, true);
    expect(can(orgAdmin, "workflow:read", { teamId: "a" })).toBe(true);
    expect(can(orgAdmin, "workflow:write", { teamId: "a" })).toBe(false);
    expect(can(orgAdmin, "workflow:read", { teamId: "b" })).toBe(false);
    expect(can(orgAdmin, "approval:decide", { teamId: "a" })).toBe(false);
  });

  it("gives a team admin every team action in their team only", () => {
    const p = person({ a: "admin" });
    expect(can(p, "workflow:publish", { teamId: "a" })).toBe(true);
    expect(can(p, "apikey:manage", { teamId: "a" })).toBe(true);
    expect(can(p, "workflow:read", { teamId: "b" })).toBe(false);
  });

  it("lets builders and admins manage their team's API keys, and the organisation admin every team's", () => {
    expect(can(person({ a: "builder" }), "apikey:manage", { teamId: "a" })).toBe(true);
    expect(can(person({ a: "builder" }), "apikey:manage", { teamId: "b" })).toBe(false);
    expect(can(person({ a: "approver" }), "apikey:manage", { teamId: "a" })).toBe(false);
    expect(can(person({}, true), "apikey:manage", { teamId: "z" })).toBe(true);
  });

  describe("an API key", () => {
    const key = (p: TPrincipal, scopes: TApiKeyScope[], teamId = "a"): TPrincipal => ({
      ...p,
      memberships: p.memberships.filter((m) => m.teamId === teamId),
      apiKey: { id: "k", name: "CI", prefix: "0123456789ab", teamId, scopes },
    });

    it("needs a scope granting the action, in its own team, within its creator's role", () => {
      const runner = key(person({ a: "builder" }), ["runs:write"]);
      expect(can(runner, "workflow:run", { teamId: "a" })).toBe(true);
      expect(can(runner, "run:cancel", { teamId: "a" })).toBe(true);
      expect(can(runner, "run:read", { teamId: "a" })).toBe(false);
      expect(can(runner, "workflow:run", { teamId: "b" })).toBe(false);
      expect(() => assertCan(runner, "run:read", { teamId: "a" })).toThrow(`This API key lacks the scope "workflows:read", which this needs (run:read).`);
      expect(() => assertCan(runner, "workflow:run", { teamId: "b" })).toThrow("a key acts only in its own team");
      // The creator is a viewer now: the scope alone is not enough.
      const demoted = key(person({ a: "viewer" }), ["runs:write", "workflows:read"]);
      expect(can(demoted, "workflow:read", { teamId: "a" })).toBe(true);
      expect(() => assertCan(demoted, "workflow:run", { teamId: "a" })).toThrow("may not do this (workflow:run) in its team now");
      expect(teamsWhere(runner, "workflow:run")).toEqual(["a"]);
      expect(teamsWhere(runner, "workflow:read")).toEqual([]);
    });

    it("never decides approvals, edits workflows or manages keys, whatever its scopes", () => {
      const all = key(person({ a: "admin" }, true), [...API_KEY_SCOPES]);
      for (const action of ["approval:decide", "approval:read", "workflow:write", "workflow:publish", "apikey:manage"] as const) {
        expect(can(all, action, { teamId: "a" }), action).toBe(false);
        expect(() => assertCan(all, action, { teamId: "a" })).toThrow(`API keys cannot do this (${action})`);
      }
    });

    it("administers only its own team, even for the organisation admin, who keeps the organisation actions with admin", () => {
      const orgKey = key(person({ a: "admin", b: "admin" }, true), ["admin"]);
      expect(can(orgKey, "settings:write")).toBe(true);
      expect(can(orgKey, "team:administer", { teamId: "a" })).toBe(true);
      expect(can(orgKey, "team:administer", { teamId: "b" })).toBe(false);
      expect(teamScope(orgKey, "audit:read")).toEqual({ isOrgWide: false, teamIds: ["a"] });
      const readOnly = key(person({ a: "admin" }, true), ["workflows:read"]);
      expect(can(readOnly, "settings:read")).toBe(false);
      expect(teamScope(readOnly, "audit:read")).toEqual({ isOrgWide: false, teamIds: [] });
      // gateway is reserved: it grants no action.
      const gateway = key(person({ a: "admin" }), ["gateway"]);
      expect(ALL_ACTIONS.filter((action) => can(gateway, action, { teamId: "a" }))).toEqual([]);
    });
  });

  it("only approvers and admins decide approvals", () => {
    expect(can(person({ a: "approver" }), "approval:decide", { teamId: "a" })).toBe(true);
    expect(can(person({ a: "builder" }), "approval:decide", { teamId: "a" })).toBe(false);
    expect(highestRole(person({ a: "viewer", b: "approver" }))).toBe("approver");
  });

  it("keeps an archived team readable and administrable but refuses new work in it, with a message saying why", () => {
    const builder = person({ old: "builder", live: "builder" }, false, ["old"]);
    for (const action of ["workflow:read", "run:read", "dashboard:read", "policy:read", "agent:read", "approval:read"] as TAction[]) {
      expect(can(builder, action, { teamId: "old" }), action).toBe(true);
    }
    for (const action of ["workflow:write", "workflow:publish", "workflow:run", "agent:write", "apikey:manage"] as TAction[]) {
      expect(can(builder, action, { teamId: "old" }), action).toBe(false);
      expect(can(builder, action, { teamId: "live" }), action).toBe(true);
    }
    expect(teamsWhere(builder, "workflow:write")).toEqual(["live"]);
    expect(() => assertCan(builder, "workflow:write", { teamId: "old" })).toThrow(
      /Team old is archived: it takes no new workflows, runs, API keys or members/,
    );
    const admin = person({ old: "admin" }, false, ["old"]);
    expect(can(admin, "team:administer", { teamId: "old" })).toBe(true);
    expect(can(admin, "audit:read", { teamId: "old" })).toBe(true);
    expect(can(person({ old: "approver" }, false, ["old"]), "approval:decide", { teamId: "old" })).toBe(true);
  });
});
