// Demo users created by the seed (README, "Demo logins"), with the password the e2e database was seeded with:
// BATON_DEMO_PASSWORD, which scripts/test.mjs sets to `baton-demo` for its throwaway database.
export const DEMO_PASSWORD = process.env.BATON_DEMO_PASSWORD || "baton-demo";
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
