import { expect, test } from "@playwright/test";
import { SignInPage } from "./pages/sign-in-page";
import { Shell } from "./pages/shell";
import { createThrowawayUser } from "./support/throwaway-user";
import { DEMO_PASSWORD, USERS } from "./support/users";

test.describe("sign-in", () => {
  test("signs in with email and password and lands on the workflows", async ({ page }) => {
    const signIn = new SignInPage(page);
    await signIn.goto();
    await signIn.signIn(USERS.admin, DEMO_PASSWORD);
    await expect(page).toHaveURL(/\/workflows$/);
    await expect(page.getByRole("heading", { name: "Workflows", level: 1 })).toBeVisible();
    await expect(page.getByText("Fraud triage with compliance review").first()).toBeVisible();
  });

  test("a wrong password shows a clear message and keeps the person on the sign-in page", async ({ page }) => {
    const signIn = new SignInPage(page);
    await signIn.goto();
    await signIn.signIn(USERS.builder, "not-the-password");
    await expect(signIn.error()).toHaveText("Incorrect email or password.");
    await expect(page).toHaveURL(/\/signin/);
  });

  test("an unknown account gets the same message (no account probing)", async ({ page }) => {
    const signIn = new SignInPage(page);
    await signIn.goto();
    await signIn.signIn("nobody@baton.local", "whatever-it-is");
    await expect(signIn.error()).toHaveText("Incorrect email or password.");
  });

  test("a page asked for before signing in opens after signing in", async ({ page }) => {
    await page.goto("/dashboard");
    await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fdashboard/);
    await new SignInPage(page).signIn(USERS.viewer, DEMO_PASSWORD);
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(page.getByRole("heading", { name: "Dashboard", level: 1 })).toBeVisible();
  });

  test("signs out, after which pages need signing in again", async ({ page }) => {
    // Sign-out ends every session of the person: a person of its own, so parallel specs keep theirs.
    const person = await createThrowawayUser("approver");
    const signIn = new SignInPage(page);
    await signIn.goto();
    await signIn.signIn(person.email, DEMO_PASSWORD);
    await expect(page).toHaveURL(/\/workflows$/);
    await new Shell(page).signOut();
    await expect(page).toHaveURL(/\/signin/);
    await page.goto("/runs");
    await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fruns/);
    expect((await page.request.get("/api/me")).status()).toBe(401);
  });
});
