// Demo users created by the seed (README, "Demo logins").
export const DEMO_PASSWORD = "baton-demo";
export const USERS = {
  // Organisation admin, and admin of both demo teams.
  admin: "admin@baton.local",
  // Admin of Risk Operations only.
  teamadmin: "teamadmin@baton.local",
  builder: "builder@baton.local",
  approver: "approver@baton.local",
  viewer: "viewer@baton.local",
} as const;
export type TDemoRole = keyof typeof USERS;
