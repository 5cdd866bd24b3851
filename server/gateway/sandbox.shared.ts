import { z } from "zod";

// Isomorphic facts about the built-in Sandbox provider, for the UI and the server alike.

/** The provider's display label, also its Provider.name in the database. */
export const SANDBOX_LABEL = "Sandbox (simulated)";

/** Statuses the Sandbox can simulate: rate limiting and the usual upstream failures. */
export const SANDBOX_ERROR_STATUSES = [429, 500, 502, 503, 504] as const;

/** Stored on Provider.settings for the Sandbox; every field has a default so `{}` is valid. */
const LATENCY = "The latency is a whole number of milliseconds from 0 to 120,000.";
const JITTER = "The latency jitter is a whole number of milliseconds from 0 to 60,000.";
const ERROR_RATE = "The error rate is a share from 0 (never) to 1 (always), such as 0.05.";

export const ZSandboxSettings = z.object({
  latencyMs: z.number({ error: LATENCY }).int(LATENCY).min(0, LATENCY).max(120_000, LATENCY).default(250),
  latencyJitterMs: z.number({ error: JITTER }).int(JITTER).min(0, JITTER).max(60_000, JITTER).default(0),
  errorRate: z.number({ error: ERROR_RATE }).min(0, ERROR_RATE).max(1, ERROR_RATE).default(0),
  errorStatus: z
    .number({ error: `errorStatus must be one of ${SANDBOX_ERROR_STATUSES.join(", ")}` })
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
