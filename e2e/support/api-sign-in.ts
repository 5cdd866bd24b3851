import type { APIRequestContext, BrowserContext } from "@playwright/test";
import { DEMO_PASSWORD, USERS, type TDemoRole } from "./users";

/** Signs in through next-auth's credentials endpoint (no UI), leaving the session cookie in the request context. */
export async function apiSignIn(request: APIRequestContext, role: TDemoRole): Promise<void> {
  const csrf = await request.get("/api/auth/csrf");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email: USERS[role], password: DEMO_PASSWORD, json: "true" },
    maxRedirects: 0,
  });
  if (res.status() >= 400) throw new Error(`API sign-in as ${role} failed with ${res.status()}`);
  const session = await request.get("/api/me");
  if (!session.ok()) throw new Error(`API sign-in as ${role} did not create a session (${session.status()})`);
}

/** Gives a browser context the session of a demo user. */
export async function signInContext(context: BrowserContext, role: TDemoRole): Promise<void> {
  await apiSignIn(context.request, role);
}
