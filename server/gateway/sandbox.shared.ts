import { z } from "zod";

// Isomorphic facts about the built-in Sandbox provider, for the UI and the server alike.

/** The provider's display label, also its Provider.name in the database. */
export const SANDBOX_LABEL = "Sandbox (simulated)";

/** Statuses the Sandbox can simulate: rate limiting and the usual upstream failures. */
export const SANDBOX_ERROR_STATUSES = [429, 500, 502, 503, 504] as const;

/** Stored on Provider.settings for the Sandbox; every field has a default so `{}` is valid. */
export const ZSandboxSettings = z.object({
  latencyMs: z.number().int().min(0).max(120_000).default(250),
  latencyJitterMs: z.number().int().min(0).max(60_000).default(0),
  errorRate: z.number().min(0).max(1).default(0),
  errorStatus: z
    .number()
    .int()
    .refine((s) => (SANDBOX_ERROR_STATUSES as readonly number[]).includes(s), {
      message: `errorStatus must be one of ${SANDBOX_ERROR_STATUSES.join(", ")}`,
    })
    .default(503),
});
export type TSandboxSettings = z.infer<typeof ZSandboxSettings>;
export type TSandboxSettingsInput = z.input<typeof ZSandboxSettings>;

/** What the seed stores: a realistic feel for demos, with the occasional failure to show retries and fallbacks. */
export const SANDBOX_DEMO_SETTINGS: TSandboxSettings = {
  latencyMs: 250,
  latencyJitterMs: 150,
  errorRate: 0.02,
  errorStatus: 503,
};
