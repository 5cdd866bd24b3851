import { z } from "zod";
import { parseTrustedProxies } from "../net/trusted-proxies";

// All configuration comes from environment variables, validated once at start-up.
// Defaults suit a single machine with the services on localhost (see README, "Configuration").
// Secrets have no default and are not here: see secrets.ts.

const ZEnv = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).default("postgresql://postgres@127.0.0.1:5432/baton"),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(20),
    REDIS_URL: z.url({ protocol: /^rediss?$/ }).default("redis://127.0.0.1:6379/0"),
    REDIS_PREFIX: z.string().regex(/^[a-z0-9:_-]+$/i).default("baton"),
    NEXTAUTH_URL: z.url().default("http://localhost:3000"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    WORKER_HEALTH_PORT: z.coerce.number().int().min(1).max(65535).default(3001),
    // Loopback unless an operator decides otherwise: the health answer names the worker and its processors.
    WORKER_HEALTH_HOST: z.string().trim().min(1).default("127.0.0.1"),
    WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(50),
    CODE_SANDBOX_THREADS: z.coerce.number().int().min(1).max(64).default(4),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    // Sign-in throttling (README, "Architecture"): only failures count, except the address-wide attempt cap.
    SIGNIN_FREE_FAILURES: z.coerce.number().int().min(1).default(5),
    SIGNIN_MAX_DELAY_SECONDS: z.coerce.number().int().min(1).default(900),
    SIGNIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(100),
    SIGNIN_ACCOUNT_LOCK_SECONDS: z.coerce.number().int().min(1).default(900),
    SIGNIN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).default(50),
    SIGNIN_MAX_PER_IP: z.coerce.number().int().min(1).default(600),
    SIGNIN_WINDOW_SECONDS: z.coerce.number().int().min(1).default(900),
    TRUSTED_PROXIES: z
      .string()
      .default("")
      .superRefine((value, ctx) => {
        const { invalid } = parseTrustedProxies(value);
        if (invalid.length > 0) {
          ctx.addIssue({ code: "custom", message: `not an IP address or CIDR range: ${invalid.join(", ")}` });
        }
      }),
    OIDC_ISSUER: z.url().optional(),
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    OIDC_NAME: z.string().min(1).default("Single sign-on"),
    OIDC_DEFAULT_TEAM: z.string().min(1).optional(),
    OIDC_DEFAULT_ROLE: z.enum(["admin", "builder", "approver", "viewer"]).default("viewer"),
  })
  .refine(
    (env) => [env.OIDC_ISSUER, env.OIDC_CLIENT_ID, env.OIDC_CLIENT_SECRET].filter(Boolean).length % 3 === 0,
    { message: "OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET must be set together", path: ["OIDC_ISSUER"] },
  );

export type TEnv = z.infer<typeof ZEnv> & { isOidcEnabled: boolean };

let cached: TEnv | undefined;

export function parseEnv(source: Record<string, string | undefined>): TEnv {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = ZEnv.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".") || "env"}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const env = result.data;
  return {
    ...env,
    isOidcEnabled: Boolean(env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET),
  };
}

export function getEnv(): TEnv {
  cached ??= parseEnv(process.env);
  return cached;
}
