import { expect, test, type APIRequestContext } from "@playwright/test";
import { encode } from "next-auth/jwt";
import { Shell } from "./pages/shell";
import { SignInPage } from "./pages/sign-in-page";
import { queryDb } from "./support/db";
import { createThrowawayUser } from "./support/throwaway-user";
import { DEMO_PASSWORD, USERS } from "./support/users";

// Finding 1: the development constant Baton once fell back to in production must sign nothing that Baton accepts.
// Finding 10: a session ends on the server when its person signs out, not 12 hours later.
const OLD_PUBLIC_SECRET = "baton-development-secret-change-me-in-production";
const SESSION_COOKIE = "next-auth.session-token";

async function withCookie(
  playwright: { request: { newContext: (o: object) => Promise<APIRequestContext> } },
  baseURL: string,
  value: string,
) {
  return playwright.request.newContext({ baseURL, extraHTTPHeaders: { cookie: `${SESSION_COOKIE}=${value}` } });
}

test.describe("session secrets", () => {
  test("a session token forged with the old public constant is refused", async ({ playwright, baseURL, browser }) => {
    const [admin] = await queryDb<{ id: string; name: string }>('SELECT id, name FROM "User" WHERE email = $1', [
      USERS.admin,
    ]);
    const forged = await encode({
      token: { uid: admin!.id, sub: admin!.id, email: USERS.admin, name: admin!.name, sv: 0 },
      secret: OLD_PUBLIC_SECRET,
      maxAge: 12 * 60 * 60,
    });

    const api = await withCookie(playwright, baseURL!, forged);
    const me = await api.get("/api/me");
    expect(me.status()).toBe(401);
    await api.dispose();

    const context = await browser.newContext();
    await context.addCookies([{ name: SESSION_COOKIE, value: forged, url: baseURL! }]);
    const page = await context.newPage();
    await page.goto("/workflows");
    await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fworkflows/);
    await context.close();
  });

  test("signing out ends the session on the server: its captured cookie gets 401", async ({
    page,
    playwright,
    baseURL,
  }) => {
    const person = await createThrowawayUser("viewer");
    await new SignInPage(page).goto();
    await new SignInPage(page).signIn(person.email, DEMO_PASSWORD);
    await expect(page).toHaveURL(/\/workflows$/);
    const cookie = (await page.context().cookies()).find((c) => c.name === SESSION_COOKIE);
    expect(cookie?.value).toBeTruthy();

    const before = await withCookie(playwright, baseURL!, cookie!.value);
    expect((await before.get("/api/me")).status()).toBe(200);
    await before.dispose();

    await new Shell(page).signOut();
    await expect(page).toHaveURL(/\/signin/);

    const after = await withCookie(playwright, baseURL!, cookie!.value);
    const me = await after.get("/api/me");
    expect(me.status()).toBe(401);
    await after.dispose();
  });

  test("signing out through /api/auth/signout with the CSRF token ends the session too", async ({
    playwright,
    baseURL,
  }) => {
    const person = await createThrowawayUser("builder");
    const api = await playwright.request.newContext({ baseURL });
    const { csrfToken } = (await (await api.get("/api/auth/csrf")).json()) as { csrfToken: string };
    await api.post("/api/auth/callback/credentials", {
      form: { csrfToken, email: person.email, password: DEMO_PASSWORD, json: "true" },
      headers: { origin: baseURL! },
      maxRedirects: 0,
    });
    const state = await api.storageState();
    const captured = state.cookies.find((c) => c.name === SESSION_COOKIE)!.value;
    expect((await api.get("/api/me")).status()).toBe(200);

    const again = (await (await api.get("/api/auth/csrf")).json()) as { csrfToken: string };
    await api.post("/api/auth/signout", {
      form: { csrfToken: again.csrfToken, json: "true" },
      headers: { origin: baseURL! },
      maxRedirects: 0,
    });
    await api.dispose();

    const replay = await withCookie(playwright, baseURL!, captured);
    expect((await replay.get("/api/me")).status()).toBe(401);
    await replay.dispose();
  });
});
