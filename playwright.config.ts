import { randomBytes } from "node:crypto";
import { defineConfig } from "@playwright/test";

// E2E runs against a production build, a real worker, and its own database and Redis prefix
// (prepared by scripts/test.mjs, which sets the E2E_* variables).
const PORT = Number(process.env.E2E_PORT ?? 3210);
// The password the e2e database's demo users were seeded with (scripts/test.mjs sets it); specs read it
// (e2e/support/users.ts). Only the specs need it, not the web app or the worker.
process.env.BATON_DEMO_PASSWORD ||= "baton-demo";
const WORKER_PORT = Number(process.env.E2E_WORKER_PORT ?? 3211);
const env = {
  ...process.env,
  NODE_ENV: "production",
  NEXT_TELEMETRY_DISABLED: "1",
  DATABASE_URL: process.env.E2E_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/baton_e2e",
  REDIS_PREFIX: process.env.E2E_REDIS_PREFIX ?? "baton-e2e",
  NEXTAUTH_URL: `http://localhost:${PORT}`,
  WORKER_HEALTH_PORT: String(WORKER_PORT),
  SIGNIN_MAX_PER_IP: "10000",
  LOG_LEVEL: "warn",
  // The secrets scripts/test.mjs made for this run (the seed used them too), else random ones for this run.
  NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET || randomBytes(32).toString("base64url"),
  BATON_SECRET_KEY: process.env.BATON_SECRET_KEY || randomBytes(32).toString("base64url"),
} as Record<string, string>;

export default defineConfig({
  testDir: "e2e",
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 2,
  retries: 0,
  // The API fuzz compares the whole database before and after, so it runs alone, after every other spec.
  // Alone: `npx playwright test e2e/api-fuzz.spec.ts --no-deps`.
  projects: [
    { name: "e2e", testIgnore: /api-fuzz\.spec\.ts$/ },
    { name: "api-fuzz", testMatch: /api-fuzz\.spec\.ts$/, dependencies: ["e2e"] },
  ],
  forbidOnly: true,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    viewport: { width: 1280, height: 800 },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  webServer: [
    {
      command: `node scripts/web-server.mjs -p ${PORT}`,
      url: `http://localhost:${PORT}/api/healthz`,
      env,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      command: "npx tsx worker/index.ts",
      url: `http://localhost:${WORKER_PORT}/healthz`,
      env: { ...env, BATON_SERVICE: "worker" },
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "ignore",
      stderr: "pipe",
    },
  ],
});
