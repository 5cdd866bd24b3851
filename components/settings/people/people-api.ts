// The browser's calls to the team and user API (app/api/teams/**, app/api/users/**).
import { request } from "@/components/shell/api-client";
import type { TTeamMember, TTeamRecord } from "@/server/teams/teams.shared";
import type { TOneTimeSecret, TUserRecord } from "@/server/users/user-input.shared";

const team = (id: string) => `/api/teams/${encodeURIComponent(id)}`;
const member = (teamId: string, userId: string) => `${team(teamId)}/members/${encodeURIComponent(userId)}`;

export async function createTeam(body: unknown): Promise<TTeamRecord> {
  return (await request<{ team: TTeamRecord }>("/api/teams", { method: "POST", body })).team;
}

export async function updateTeam(id: string, body: unknown): Promise<TTeamRecord> {
  return (await request<{ team: TTeamRecord }>(team(id), { method: "PATCH", body })).team;
}

export async function addMember(teamId: string, body: unknown): Promise<TTeamMember> {
  return (await request<{ member: TTeamMember }>(`${team(teamId)}/members`, { method: "POST", body })).member;
}

export async function changeRole(teamId: string, userId: string, role: string): Promise<TTeamMember> {
  return (await request<{ member: TTeamMember }>(member(teamId, userId), { method: "PATCH", body: { role } })).member;
}

export async function removeMember(teamId: string, userId: string): Promise<void> {
  await request(member(teamId, userId), { method: "DELETE" });
}

export type TUserAnswer = { user: TUserRecord; secret: TOneTimeSecret | null };

export function createUser(body: unknown): Promise<{ user: TUserRecord; secret: TOneTimeSecret }> {
  return request("/api/users", { method: "POST", body });
}

export function updateUser(id: string, body: unknown): Promise<TUserAnswer> {
  return request(`/api/users/${encodeURIComponent(id)}`, { method: "PATCH", body });
}
