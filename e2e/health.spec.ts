import { expect, test } from "@playwright/test";

test("web health endpoint reports database and Redis", async ({ request }) => {
  const res = await request.get("/api/healthz");
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body).toMatchObject({ service: "web", status: "ok", checks: { database: { status: "ok" }, redis: { status: "ok" } } });
  expect(body.workers).toBeGreaterThanOrEqual(1);
});

test("worker health endpoint reports its processors", async ({ request }) => {
  const res = await request.get(`http://localhost:${process.env.E2E_WORKER_PORT ?? 3211}/healthz`);
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body).toMatchObject({ service: "worker", status: "ok", checks: { database: { status: "ok" }, redis: { status: "ok" } } });
  expect(body.processors).toContainEqual({ queue: "system", isRunning: true });
});
