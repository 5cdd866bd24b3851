import { expect, test } from "@playwright/test";
import { apiSignIn } from "./support/api-sign-in";

test.describe("API errors are clear 4xx responses", () => {
  test("an unknown API route is a JSON 404", async ({ request }) => {
    await apiSignIn(request, "viewer");
    const res = await request.get("/api/definitely-not-here");
    expect(res.status()).toBe(404);
    expect((await res.json()).error).toMatchObject({ code: "NOT_FOUND", message: expect.stringContaining("/api/definitely-not-here") });
  });

  test("a private API route without a session is a JSON 401", async ({ request }) => {
    const res = await request.get("/api/me");
    expect(res.status()).toBe(401);
    expect((await res.json()).error.message).toMatch(/sign in/i);
  });

  test("malformed JSON is a 400 that names the problem, and nothing is changed", async ({ request }) => {
    await apiSignIn(request, "builder");
    const before = (await (await request.get("/api/me")).json()).user.name;
    const res = await request.patch("/api/me", { headers: { "content-type": "application/json" }, data: Buffer.from("{ name: ") });
    expect(res.status()).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe("BAD_REQUEST");
    expect(body.error.message).toMatch(/not valid JSON/);
    expect(JSON.stringify(body)).not.toMatch(/at .*\.(js|ts):\d+/);
    expect((await (await request.get("/api/me")).json()).user.name).toBe(before);
  });

  test("a body that fails validation lists each problem", async ({ request }) => {
    await apiSignIn(request, "builder");
    const res = await request.patch("/api/me", { data: { name: "" } });
    expect(res.status()).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe("VALIDATION");
    expect(body.error.issues).toContainEqual({ path: "name", message: "Enter your name" });
  });

  test("a body that is not JSON at all is a 415", async ({ request }) => {
    await apiSignIn(request, "builder");
    const res = await request.patch("/api/me", { headers: { "content-type": "text/plain" }, data: Buffer.from("name=x") });
    expect(res.status()).toBe(415);
  });

  test("a malformed address is a 400, not a server error", async ({ request }) => {
    await apiSignIn(request, "viewer");
    for (const path of ["/api/runs/%ZZ", "/api/runs/abc%00def"]) {
      const res = await request.get(path);
      expect(res.status(), path).toBe(400);
      expect((await res.json()).error.code).toBe("BAD_REQUEST");
    }
  });

  test("an unknown page is a 404 page", async ({ page, context }) => {
    await apiSignIn(context.request, "viewer");
    const res = await page.goto("/no-such-page");
    expect(res?.status()).toBe(404);
    await expect(page.getByText(/not found|doesn.t exist/i).first()).toBeVisible();
  });
});
