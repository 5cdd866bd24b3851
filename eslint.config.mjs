import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import tseslint from "typescript-eslint";

// Server-only infrastructure that must never reach the browser bundle or isomorphic modules.
const SERVER_ONLY_PACKAGES = ["@prisma/*", "prisma", "ioredis", "bullmq", "pg", "pino", "@node-rs/*", "server-only"];

// The isomorphic parts of server/ that client components may import (metadata, schemas, types).
const ISOMORPHIC = [
  "server/errors.ts",
  "server/auth/permissions.ts",
  "server/auth/navigation.ts",
  "server/**/definition.ts",
  "server/**/*.shared.ts",
  "server/**/types.ts",
  // Re-exported for the browser by server/policies/policy-editor.shared.ts (the policy editor's live validation).
  "server/policy/document.ts",
  "server/policy/validate-document.ts",
  "server/policy/regex-guard.ts",
  "server/policy/money.ts",
  "server/policy/scope.ts",
  "server/shared/storable-json.ts",
  "server/shared/storable-text.ts",
];

export default tseslint.config(
  {
    ignores: [
      "node_modules/**",
      ".next/**",
      "server/db/generated/**",
      "next-env.d.ts",
      "test-results/**",
      "playwright-report/**",
      ".baton/**",
    ],
  },
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-definitions": ["error", "type"],
    },
  },
  {
    files: ["components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              // A regex, because gitignore-style negations cannot re-include a file under an excluded folder.
              regex: "^@/server/(?!(errors|auth/permissions|auth/navigation|.+/definition|.+\\.shared|.+/types)$)",
              message: "Client components may import only isomorphic parts of server/ (definitions, *.shared, types).",
            },
            { group: ["@/worker/**", "@/app/**"], message: "components/ must not import from app/ or worker/." },
            { group: SERVER_ONLY_PACKAGES, message: "Server-only package: keep it out of client components." },
          ],
        },
      ],
    },
  },
  {
    files: ["server/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@/app/**", "@/components/**", "@/worker/**", "**/app/**", "**/components/**", "**/worker/**"],
              message: "server/ is framework-free: it must not import from app/, components/ or worker/." },
            { group: ["next", "next/*"], message: "server/ must not depend on Next.js." },
          ],
        },
      ],
    },
  },
  {
    files: ISOMORPHIC,
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: SERVER_ONLY_PACKAGES, message: "Isomorphic module: no database, Redis or other server-only code." },
            { regex: "(^|/)(db|redis|queue)/|/execute$|(^|/)engine/(?!.*\\.shared$)",
              message: "Isomorphic module: no database, Redis, queue, engine or executor imports." },
            { group: ["next", "next/*"], message: "server/ must not depend on Next.js." },
          ],
        },
      ],
    },
  },
);
