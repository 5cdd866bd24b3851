import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type APIRequestContext, type APIResponse, type Page } from "@playwright/test";
import { SignInPage } from "./pages/sign-in-page";
import { apiSignIn } from "./support/api-sign-in";
import { queryDb } from "./support/db";
import { DEMO_PASSWORD, USERS } from "./support/users";
import { builderTeamId, createWorkflowViaApi, graphEdge, graphNode } from "./support/workflows-api";

// Issue 9, findings 3 (open redirect after sign-in), 5 (CSRF, framing, security headers) and 16b (404 status),
// against the production build.

/** A page of another origin on this machine: same-site with the app when reached as localhost (any port). */
let attacker: Server;
let attackerPort = 0;

test.beforeAll(async () => {
  attacker = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname === "/csrf") {
      // A form POST to the app, submitted as soon as the page loads (the classic CSRF); target is the full URL.
      const target = url.searchParams.get("target") ?? "";
      res.writeHead(200, { "content-type": "text/html" });
      res.end(`<!doctype html><form method="POST" action="${target}"></form><script>document.forms[0].submit()</script>`);
      return;
    }
    res.writeHead(200, { "content-type": "text/html" });
    res.end("<!doctype html><title>Attacker</title><h1>Attacker page</h1>");
  });
  await new Promise<void>((resolve) => attacker.listen(0, "::", resolve));
  attackerPort = (attacker.address() as AddressInfo).port;
});

test.afterAll(async () => {
  await new Promise<void>((resolve) => attacker.close(() => resolve()));
});

function appOrigin(baseURL: string | undefined): string {
  return new URL(baseURL ?? "http://localhost:3210").origin;
}

/** manual trigger → a 10-minute delay → output: a run that stays cancellable for the whole test. */
async function startWaitingRun(builder: APIRequestContext): Promise<{ workflowId: string; runId: string }> {
  const workflowId = await createWorkflowViaApi(builder, {
    teamId: await builderTeamId(builder),
    name: `E2E security ${randomBytes(4).toString("hex")}`,
    description: "Created by e2e/security.spec.ts",
    graph: {
      nodes: [
        graphNode("start", "trigger.manual", 0),
        graphNode("wait", "control.delay", 200, { mode: "duration", durationMs: 600_000 }),
        graphNode("done", "control.output", 400, { value: "trigger" }),
      ],
      edges: [graphEdge("start", "wait", "e0"), graphEdge("wait", "done", "e1")],
    },
  });
  const published = await builder.post(`/api/workflows/${workflowId}/publish`, { data: { note: "e2e security" } });
  expect(published.status(), await published.text()).toBe(201);
  const started = await builder.post(`/api/workflows/${workflowId}/runs`, { data: { input: {} } });
  expect(started.status(), await started.text()).toBe(202);
  return { workflowId, runId: ((await started.json()) as { runId: string }).runId };
}

async function runState(runId: string): Promise<{ status: string; isCancelRequested: boolean }> {
  const rows = await queryDb<{ status: string; cancel: boolean }>(
    'SELECT status::text AS status, "cancelRequestedAt" IS NOT NULL AS cancel FROM "Run" WHERE id = $1',
    [runId],
  );
  return { status: rows[0]?.status ?? "missing", isCancelRequested: rows[0]?.cancel ?? false };
}

function expectSecurityHeaders(res: APIResponse, what: string) {
  const headers = res.headers();
  const csp = headers["content-security-policy"] ?? "";
  for (const directive of ["frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'", "form-action 'self'"]) {
    expect(csp, `${what}: CSP has ${directive}`).toContain(directive);
  }
  expect(headers["x-content-type-options"], what).toBe("nosniff");
  expect(headers["x-frame-options"], what).toBe("DENY");
  expect(headers["referrer-policy"], what).toBe("strict-origin-when-cross-origin");
  expect(headers["permissions-policy"], what).toMatch(/camera=\(\).*microphone=\(\).*geolocation=\(\)/);
  // Served over plain HTTP (NEXTAUTH_URL is http://localhost…): no HSTS.
  expect(headers["strict-transport-security"], what).toBeUndefined();
}

/** Collects CSP violations the page reports (console errors and securitypolicyviolation events). */
function watchCsp(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (msg) => {
    if (/Content Security Policy/i.test(msg.text())) violations.push(msg.text());
  });
  void page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) =>
      console.error(`Content Security Policy violation on ${location.pathname}: ${e.violatedDirective} ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`),
    );
  });
  return violations;
}

test.describe("finding 3: sign-in sends people only to the app's own pages", () => {
  const bypasses = [
    "/%5C127.0.0.1:PORT/x",
    "/%09/127.0.0.1:PORT/x",
    "//127.0.0.1:PORT/x",
    "/%5C%5C127.0.0.1:PORT/x",
    "http://127.0.0.1:PORT/x",
    "javascript:alert(document.domain)",
  ];
  for (const raw of bypasses) {
    test(`callbackUrl=${raw} lands on the app's own origin`, async ({ page, baseURL }) => {
      await page.goto(`/signin?callbackUrl=${raw.replace("PORT", String(attackerPort))}`);
      await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
      await new SignInPage(page).signIn(USERS.viewer, DEMO_PASSWORD);
      await page.waitForURL((url) => url.pathname !== "/signin");
      expect(new URL(page.url()).origin).toBe(appOrigin(baseURL));
      await expect(page.getByRole("heading", { name: "Workflows", level: 1 })).toBeVisible();
    });
  }

  test("an already signed-in person is redirected on-site, not to the callbackUrl's host", async ({ page, context, baseURL }) => {
    await apiSignIn(context.request, "viewer");
    await page.goto(`/signin?callbackUrl=/%5C127.0.0.1:${attackerPort}/x`);
    expect(new URL(page.url()).origin).toBe(appOrigin(baseURL));
  });

  test("a same-origin callbackUrl still opens that page", async ({ page }) => {
    await new SignInPage(page).goto("/runs?status=SUCCEEDED");
    await new SignInPage(page).signIn(USERS.viewer, DEMO_PASSWORD);
    await expect(page).toHaveURL(/\/runs\?status=SUCCEEDED$/);
  });
});

test.describe("finding 5: security headers, cookie flags, CSRF and framing", () => {
  test("a page, an API response and static assets carry the security headers; scripts carry a fresh nonce", async ({ request }) => {
    const page = await request.get("/signin");
    expect(page.status()).toBe(200);
    expectSecurityHeaders(page, "page /signin");
    const csp = page.headers()["content-security-policy"]!;
    const nonce = /'nonce-([A-Za-z0-9+/=_-]+)'/.exec(csp)?.[1];
    expect(nonce, "script-src uses a nonce").toBeTruthy();
    expect(csp).toContain("'strict-dynamic'");
    const html = await page.text();
    expect(html).toContain(`nonce="${nonce}"`);
    const again = await request.get("/signin");
    expect(again.headers()["content-security-policy"]).not.toContain(nonce!);

    expectSecurityHeaders(await request.get("/api/healthz"), "API /api/healthz");
    expectSecurityHeaders(await request.get("/api/me"), "API /api/me (401)");

    const asset = /\/_next\/static\/[^"']+\.js/.exec(html)?.[0];
    expect(asset, "the page links a static script").toBeTruthy();
    const script = await request.get(asset!);
    expect(script.status()).toBe(200);
    expectSecurityHeaders(script, `static ${asset}`);
    expectSecurityHeaders(await request.get("/icon.svg"), "static /icon.svg");
  });

  test("the session cookie is HttpOnly, SameSite=Lax, Path=/", async ({ context }) => {
    await apiSignIn(context.request, "viewer");
    const cookie = (await context.cookies()).find((c) => /next-auth\.session-token$/.test(c.name));
    expect(cookie, "a session cookie is set").toBeTruthy();
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/", secure: false });
  });

  test("a cross-site POST with the session cookie is refused and the run is not cancelled; the app's own works", async ({
    request,
    baseURL,
  }) => {
    test.setTimeout(60_000);
    await apiSignIn(request, "builder");
    const { runId } = await startWaitingRun(request);
    const crossSite: Record<string, string>[] = [
      { origin: `http://localhost:${attackerPort}`, "sec-fetch-site": "same-site" },
      { origin: `http://localhost:${attackerPort}` },
      { origin: "null" },
      { "sec-fetch-site": "cross-site" },
    ];
    for (const headers of crossSite) {
      const res = await request.post(`/api/runs/${runId}/cancel`, { headers });
      expect(res.status(), JSON.stringify(headers)).toBe(403);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe("FORBIDDEN");
      expect(body.error.message).toMatch(/^Cross-site request refused/);
    }
    expect((await runState(runId)).isCancelRequested).toBe(false);

    const sameOrigin = await request.post(`/api/runs/${runId}/cancel`, {
      headers: { origin: appOrigin(baseURL), "sec-fetch-site": "same-origin" },
    });
    expect(sameOrigin.status(), await sameOrigin.text()).toBe(202);
    await expect.poll(async () => (await runState(runId)).status, { timeout: 20_000 }).toBe("CANCELLED");
  });

  test("a form on a same-site page (another port) cannot cancel a run in the browser", async ({ page, context, baseURL }) => {
    test.setTimeout(60_000);
    await apiSignIn(context.request, "builder");
    const { runId } = await startWaitingRun(context.request);
    const target = `${appOrigin(baseURL)}/api/runs/${runId}/cancel`;
    const response = page.waitForResponse((res) => res.url() === target);
    await page.goto(`http://localhost:${attackerPort}/csrf?target=${encodeURIComponent(target)}`);
    expect((await response).status()).toBe(403);
    expect((await runState(runId)).isCancelRequested).toBe(false);
  });

  test("pages cannot be framed by another origin", async ({ request }) => {
    await apiSignIn(request, "viewer");
    for (const path of ["/signin", "/workflows", "/dashboard"]) {
      const res = await request.get(path);
      expect(res.headers()["x-frame-options"], path).toBe("DENY");
      expect(res.headers()["content-security-policy"], path).toContain("frame-ancestors 'none'");
    }
  });

  test("sign-in, the builder canvas and the dashboard charts work under the CSP without violations", async ({ page, context }) => {
    test.setTimeout(60_000);
    const violations = watchCsp(page);
    await new SignInPage(page).goto();
    await new SignInPage(page).signIn(USERS.builder, DEMO_PASSWORD);
    await expect(page.getByRole("heading", { name: "Workflows", level: 1 })).toBeVisible();

    const { workflowId } = await startWaitingRun(context.request);
    await page.goto(`/workflows/${workflowId}`);
    await expect(page.getByTestId("builder-canvas")).toBeVisible();
    await expect(page.getByTestId("node-wait")).toBeVisible();

    await page.goto("/dashboard");
    await expect(page.getByRole("heading", { name: "Dashboard", level: 1 })).toBeVisible();
    await expect(page.locator(".recharts-surface").first()).toBeVisible();

    // The page for unknown addresses is rendered per request too, so its scripts have the nonce.
    const missing = await page.goto("/no-such-page");
    expect(missing?.status()).toBe(404);
    await expect(page.getByText("This page does not exist")).toBeVisible();
    await page.goto("/");
    await expect(page.getByRole("heading", { name: "Workflows", level: 1 })).toBeVisible();
    expect(violations).toEqual([]);
  });
});

test.describe("finding 16b: missing and forbidden items answer HTTP 404", () => {
  test("a missing or other team's workflow or run page is a 404", async ({ page, context }) => {
    test.setTimeout(60_000);
    await apiSignIn(context.request, "builder");
    const { workflowId, runId } = await startWaitingRun(context.request);
    // Moved to a team the builder is not in.
    const teamId = `e2e-team-${randomBytes(6).toString("hex")}`;
    await queryDb('INSERT INTO "Team" (id, slug, name, "updatedAt") VALUES ($1, $1, $1, now())', [teamId]);
    await queryDb('UPDATE "Workflow" SET "teamId" = $1 WHERE id = $2', [teamId, workflowId]);
    await queryDb('UPDATE "Run" SET "teamId" = $1 WHERE id = $2', [teamId, runId]);

    for (const path of [`/workflows/no-such-workflow`, `/runs/no-such-run`, `/workflows/${workflowId}`, `/runs/${runId}`]) {
      const res = await page.goto(path);
      expect(res?.status(), path).toBe(404);
      await expect(page.getByText("This page does not exist")).toBeVisible();
    }
  });
});
