import { randomBytes } from "node:crypto";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { PasswordPage, SettingsUsersPage } from "./pages/settings-people-page";
import { SignInPage } from "./pages/sign-in-page";
import { apiSignIn } from "./support/api-sign-in";
import { queryDb } from "./support/db";
import { teamIdByName } from "./support/workflows-api";

// Issue 12, "Teams and people": an admin creates people in Settings → Users; they sign in with what they were given
// once and must choose their own password first. Each test makes its own people, so parallel specs are not affected.

const unique = () => randomBytes(4).toString("hex");

/** Signs in through next-auth's credentials endpoint with any email and password (apiSignIn is for demo users). */
async function signInAs(request: APIRequestContext, email: string, password: string): Promise<void> {
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await request.post("/api/auth/callback/credentials", { form: { csrfToken, email, password, json: "true" }, maxRedirects: 0 });
  expect(res.status()).toBeLessThan(400);
}

test("an admin adds an approver with a one-time password; they sign in, choose a password and see the Inbox", async ({ page, browser, baseURL }) => {
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
  await apiSignIn(page.context().request, "admin");
  const users = new SettingsUsersPage(page);
  await users.goto();
  const email = `e2e-people-${unique()}@baton.local`;
  const shown = await users.createUser({ name: "Pat Approver", email, team: "Risk Operations", role: "Approver", credential: "One-time password" });
  await expect(shown.getByText("Shown once")).toBeVisible();
  const secret = await shown.getByTestId("one-time-secret").innerText();
  await shown.getByRole("button", { name: "Copy" }).click();
  await expect(shown.getByRole("button", { name: "Copied" })).toBeVisible();
  const password = await page.evaluate(() => navigator.clipboard.readText());
  expect(password).toBe(secret);
  expect(password).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){4}$/);
  await shown.getByRole("button", { name: "Done" }).click();
  await expect(users.row(email)).toContainText("Risk Operations");
  await expect(users.row(email)).toContainText("Approver");
  await expect(users.row(email)).toContainText("Must choose a password");

  // The new person, in a browser of their own.
  const theirs = await browser.newContext();
  const them = await theirs.newPage();
  const signIn = new SignInPage(them);
  await signIn.goto("/inbox");
  await signIn.signIn(email, password);
  await expect(them).toHaveURL(/\/account\/password\?callbackUrl=%2Finbox$/);
  const passwordPage = new PasswordPage(them);
  await expect(passwordPage.heading()).toBeVisible();
  // Nothing else answers until then.
  const refused = await them.request.get("/api/me");
  expect(refused.status()).toBe(403);
  expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/^Choose your own password first/);
  await them.goto("/workflows");
  await expect(them).toHaveURL(/\/account\/password$/);
  await them.goto("/account/password?callbackUrl=%2Finbox");

  await passwordPage.choose("pat's very own password");
  await expect(them).toHaveURL(/\/inbox$/);
  await expect(them.getByRole("heading", { name: "Inbox", level: 1 })).toBeVisible();
  const [row] = await queryDb<{ isPasswordChangeRequired: boolean }>(`SELECT "isPasswordChangeRequired" FROM "User" WHERE email = $1`, [email]);
  expect(row?.isPasswordChangeRequired).toBe(false);
  await theirs.close();
});

test("a one-time sign-in link signs in once; the second use is refused", async ({ request, browser }) => {
  await apiSignIn(request, "admin");
  const email = `e2e-link-${unique()}@baton.local`;
  const created = await request.post("/api/users", {
    data: { name: "Lee Link", email, teamId: await teamIdByName(request, "Customer Care"), role: "viewer", credential: "sign_in_link" },
  });
  expect(created.status()).toBe(201);
  const { secret } = (await created.json()) as { secret: { kind: string; url: string } };
  expect(secret.kind).toBe("sign_in_link");

  const first = await browser.newContext();
  const page = await first.newPage();
  await page.goto(secret.url);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/account\/password$/);
  await expect(new PasswordPage(page).heading()).toBeVisible();
  await first.close();

  const second = await browser.newContext();
  const again = await second.newPage();
  await again.goto(secret.url);
  await again.getByRole("button", { name: "Sign in" }).click();
  await expect(again.getByRole("alert").filter({ hasText: /\S/ })).toHaveText(
    "This sign-in link is no longer valid: it was used already, has expired or was replaced. Ask an admin for a new one.",
  );
  await expect(again).toHaveURL(/\/signin\/link/);
  await second.close();
});

test("a disabled person's session is refused at its next request, and their sign-in with a clear message", async ({ request, browser }) => {
  await apiSignIn(request, "admin");
  const email = `e2e-off-${unique()}@baton.local`;
  const created = await request.post("/api/users", {
    data: { name: "Dee Disabled", email, teamId: await teamIdByName(request, "Risk Operations"), role: "viewer", credential: "one_time_password" },
  });
  const { user, secret } = (await created.json()) as { user: { id: string }; secret: { password: string } };
  const theirs = await browser.newContext();
  await signInAs(theirs.request, email, secret.password);
  expect((await theirs.request.post("/api/me/password", { data: { newPassword: "dee's own long password" } })).status()).toBe(200);
  await signInAs(theirs.request, email, "dee's own long password");
  expect((await theirs.request.get("/api/me")).status()).toBe(200);

  expect((await request.patch(`/api/users/${user.id}`, { data: { isActive: false } })).status()).toBe(200);
  const refused = await theirs.request.get("/api/me");
  expect(refused.status()).toBe(403);
  expect(await refused.json()).toEqual({ error: { code: "FORBIDDEN", message: "This account is disabled. Ask an admin." } });
  const page = await theirs.newPage();
  await page.goto("/workflows");
  await expect(page).toHaveURL(/\/signin\?error=AccountDisabled$/);
  const signIn = new SignInPage(page);
  await expect(signIn.error()).toHaveText("This account is disabled. Ask an admin.");
  await signIn.signIn(email, "dee's own long password");
  await expect(signIn.error()).toHaveText("This account is disabled. Ask an admin.");
  await theirs.close();
});

test("a viewer gets 403 from the team and user API and nothing changes", async ({ request }) => {
  await apiSignIn(request, "viewer");
  const teamId = await teamIdByName(request, "Risk Operations");
  const teamName = `Viewer's team ${unique()}`;
  const email = `x-${unique()}@baton.local`;
  // What the requests below would change (other specs create people meanwhile, so no global counts).
  const state = async () => ({
    teams: await queryDb(`SELECT name, description, "archivedAt" FROM "Team" WHERE id = $1 OR name = $2`, [teamId, teamName]),
    viewer: await queryDb(
      `SELECT u."isOrgAdmin", u."isActive", m.role::text AS role FROM "User" u JOIN "Membership" m ON m."userId" = u.id WHERE u.email = 'viewer@baton.local' ORDER BY m."teamId"`,
    ),
    created: await queryDb(`SELECT id FROM "User" WHERE email = $1`, [email]),
  });
  const before = await state();
  const [viewer] = await queryDb<{ id: string }>(`SELECT id FROM "User" WHERE email = 'viewer@baton.local'`);
  const answers = [
    await request.post("/api/teams", { data: { name: teamName } }),
    await request.patch(`/api/teams/${teamId}`, { data: { name: "Renamed by a viewer" } }),
    await request.post(`/api/teams/${teamId}/members`, { data: { email: "viewer@baton.local", role: "admin" } }),
    await request.patch(`/api/teams/${teamId}/members/${viewer?.id}`, { data: { role: "admin" } }),
    await request.delete(`/api/teams/${teamId}/members/${viewer?.id}`),
    await request.get("/api/users"),
    await request.post("/api/users", { data: { name: "X", email, teamId, role: "admin", credential: "one_time_password" } }),
    await request.patch(`/api/users/${viewer?.id}`, { data: { isOrgAdmin: true } }),
  ];
  expect(answers.map((a) => a.status())).toEqual([403, 403, 403, 403, 403, 403, 403, 403]);
  expect(await state()).toEqual(before);
});

test("an admin creates a team (a duplicate name is refused at its field), manages its members and archives it", async ({ page }) => {
  await apiSignIn(page.context().request, "admin");
  await page.goto("/settings/teams");
  const name = `E2E Team ${unique()}`;
  await page.getByRole("button", { name: "New team" }).click();
  let dialog = page.getByRole("dialog", { name: "New team" });
  await dialog.getByRole("button", { name: "Create team" }).click();
  await expect(dialog.getByLabel("Name")).toHaveAccessibleDescription("Give the team a name");
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByRole("button", { name: "Create team" }).click();
  const teams = page.getByRole("table", { name: "Teams" });
  const row = teams.getByRole("row").filter({ hasText: name });
  await expect(row).toContainText(name.toLowerCase().replaceAll(" ", "-"));

  await page.getByRole("button", { name: "New team" }).click();
  dialog = page.getByRole("dialog", { name: "New team" });
  await dialog.getByLabel("Name").fill(name.toUpperCase());
  await dialog.getByRole("button", { name: "Create team" }).click();
  await expect(dialog.getByLabel("Name")).toHaveAccessibleDescription(`A team named "${name}" already exists. Choose another name.`);
  await dialog.getByRole("button", { name: "Cancel" }).click();

  await row.getByRole("link", { name, exact: true }).click();
  await expect(page.getByRole("heading", { name, level: 2 })).toBeVisible();
  await page.getByRole("button", { name: "Add person" }).click();
  dialog = page.getByRole("dialog", { name: `Add a person to ${name}` });
  await dialog.getByLabel("Email").fill("viewer@baton.local");
  await dialog.getByLabel("Role").selectOption({ label: "Builder" });
  await dialog.getByRole("button", { name: "Add to team" }).click();
  const members = page.getByRole("table", { name: `Members of ${name}` });
  await expect(members.getByLabel("Role of Vic Viewer")).toHaveValue("builder");
  await members.getByLabel("Role of Vic Viewer").selectOption("approver");
  await expect(members.getByLabel("Role of Vic Viewer")).toHaveValue("approver");
  await expect
    .poll(async () => (await queryDb<{ role: string }>(`SELECT m.role::text AS role FROM "Membership" m JOIN "Team" t ON t.id = m."teamId" WHERE t.name = $1`, [name]))[0]?.role)
    .toBe("approver");
  await members.getByRole("button", { name: "Remove Vic Viewer" }).click();
  await page.getByRole("dialog", { name: `Remove Vic Viewer from ${name}?` }).getByRole("button", { name: "Remove" }).click();
  await expect(page.getByText("No members yet.")).toBeVisible();

  await page.getByRole("link", { name: "All teams" }).click();
  await row.getByRole("button", { name: `Archive ${name}` }).click();
  await page.getByRole("dialog", { name: `Archive ${name}?` }).getByRole("button", { name: "Archive team" }).click();
  await expect(row).toContainText("Archived");
  await row.getByRole("button", { name: `Restore ${name}` }).click();
  await page.getByRole("dialog", { name: `Restore ${name}?` }).getByRole("button", { name: "Restore team" }).click();
  await expect(row).not.toContainText("Archived");
});
