import { describe, expect, it } from "vitest";
import { assertCan, can, highestRole, teamsWhere, type TPrincipal, type TRole } from "./permissions";
import { NAV_ITEMS } from "./navigation";

const person = (roles: Record<string, TRole>): TPrincipal => ({
  id: "u",
  email: "u@x",
  name: "U",
  memberships: Object.entries(roles).map(([teamId, role]) => ({ teamId, teamSlug: teamId, teamName: teamId, role })),
});

const navFor = (p: TPrincipal) => NAV_ITEMS.filter((i) => can(p, i.action)).map((i) => i.label);

describe("permissions", () => {
  it("shows each role the sections it may open", () => {
    expect(navFor(person({ a: "admin" }))).toEqual(["Workflows", "Runs", "Inbox", "Dashboard", "Policies", "Agents", "Audit", "Settings"]);
    expect(navFor(person({ a: "builder" }))).toEqual(["Workflows", "Runs", "Inbox", "Dashboard", "Policies", "Agents"]);
    expect(navFor(person({ a: "approver" }))).toEqual(["Workflows", "Runs", "Inbox", "Dashboard", "Policies", "Agents"]);
    expect(navFor(person({ a: "viewer" }))).toEqual(["Workflows", "Runs", "Dashboard", "Policies", "Agents"]);
    expect(navFor(person({}))).toEqual([]);
  });

  it("scopes team actions to the team of the resource", () => {
    const p = person({ a: "builder", b: "viewer" });
    expect(can(p, "workflow:write", { teamId: "a" })).toBe(true);
    expect(can(p, "workflow:write", { teamId: "b" })).toBe(false);
    expect(can(p, "workflow:read", { teamId: "b" })).toBe(true);
    expect(can(p, "workflow:read", { teamId: "c" })).toBe(false);
    expect(teamsWhere(p, "workflow:write")).toEqual(["a"]);
  });

  it("gives organisation actions only to admins", () => {
    expect(can(person({ a: "viewer", b: "admin" }), "settings:write")).toBe(true);
    expect(can(person({ a: "builder" }), "audit:read")).toBe(false);
    expect(() => assertCan(person({ a: "approver" }), "user:manage")).toThrow(/permission/);
  });

  it("only approvers and admins decide approvals", () => {
    expect(can(person({ a: "approver" }), "approval:decide", { teamId: "a" })).toBe(true);
    expect(can(person({ a: "builder" }), "approval:decide", { teamId: "a" })).toBe(false);
    expect(highestRole(person({ a: "viewer", b: "approver" }))).toBe("approver");
  });
});
