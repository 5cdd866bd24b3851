import { fileURLToPath } from "node:url";
import { randomBytes } from "node:crypto";
import { defineConfig } from "vitest/config";

// One template database per Vitest run, so concurrent runs on one machine never drop each other's template.
process.env.BATON_TEST_TEMPLATE_DB ??= `baton_test_template_${randomBytes(4).toString("hex")}`;

export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL(".", import.meta.url)) } },
  test: {
    include: ["server/**/*.test.ts", "components/**/*.test.ts", "worker/**/*.test.ts", "scripts/**/*.test.ts", "test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    setupFiles: ["test/setup-env.ts"],
    env: { BATON_TEST_TEMPLATE_DB: process.env.BATON_TEST_TEMPLATE_DB },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    maxWorkers: 2,
  },
});
