import { z } from "zod";

// The circuit breakers' thresholds (Settings → Engine), stored as one SystemSetting row: organisation-wide defaults
// and overrides per host or per provider. Isomorphic, so the settings form validates with the schema the workers read
// with.

export const BREAKER_SETTINGS_KEY = "engine.breakers";

const ZFailureRate = z.strictObject({
  /** Share of failed calls (0 < rate ≤ 1) within the window that opens the circuit… */
  threshold: z
    .number({ error: "Enter the failure rate as a share between 0.01 and 1 (e.g. 0.5 for 50 %)." })
    .min(0.01, "A failure rate is at least 1 %.")
    .max(1, "A failure rate is at most 100 %."),
  /** …once at least this many calls were made in it. */
  minRequests: z
    .number({ error: "Enter how many calls the failure rate needs at least." })
    .int("Enter a whole number of calls.")
    .min(1, "The failure rate needs at least 1 call.")
    .max(100_000, "At most 100000 calls."),
});

export const ZBreakerThresholds = z.strictObject({
  /** Failures within `windowMs` that open the circuit. */
  failureThreshold: z
    .number({ error: "Enter how many failures open the circuit." })
    .int("Enter a whole number of failures.")
    .min(1, "At least 1 failure.")
    .max(10_000, "At most 10000 failures."),
  windowMs: z
    .number({ error: "Enter the window in milliseconds." })
    .int("Enter whole milliseconds.")
    .min(1000, "The window is at least 1 s.")
    .max(86_400_000, "The window is at most 24 h."),
  /** How long an open circuit refuses calls before it lets one probe through (half-open). */
  coolDownMs: z
    .number({ error: "Enter the cool-down in milliseconds." })
    .int("Enter whole milliseconds.")
    .min(100, "The cool-down is at least 100 ms.")
    .max(86_400_000, "The cool-down is at most 24 h."),
  /** Also open when this share of calls failed; null: failures are counted only. */
  failureRate: ZFailureRate.nullable(),
});
export type TBreakerThresholds = z.infer<typeof ZBreakerThresholds>;

/** `host:<name>` (every port), `host:<name>:<port>` or `provider:<id>`: the breaker keys an override applies to. */
export const BREAKER_OVERRIDE_KEY = /^(host:(\[[0-9a-f:.]+\]|[a-z0-9-]+(\.[a-z0-9-]+)*)(:\d{1,5})?|provider:[A-Za-z0-9_-]{1,100})$/;

/**
 * `host:[0:0::1]:8080` → `host:[::1]:8080`: an IPv6 address as a URL writes it (compressed, lowercase), which is the
 * form the breakers of HTTP and MCP steps use (circuit-breaker.ts hostBreakerKey). Anything else is left as it is.
 */
function canonicalIpv6(key: string): string {
  const match = /^host:(\[[^\]]*\])(:\d{1,5})?$/.exec(key);
  if (!match) return key;
  try {
    return `host:${new URL(`http://${match[1]}/`).hostname}${match[2] ?? ""}`;
  } catch {
    return key;
  }
}

export const ZBreakerOverride = ZBreakerThresholds.extend({
  key: z
    .string({ error: "Name the host or provider." })
    .trim()
    .transform((key) => (key.startsWith("host:") ? canonicalIpv6(key.toLowerCase().replace(/\.(?=:\d+$|$)/, "")) : key))
    .pipe(
      z
        .string()
        .max(300, "This host name is too long.")
        .regex(BREAKER_OVERRIDE_KEY, "Enter a host name (e.g. api.example.com, optionally with :port) or choose a provider."),
    ),
});
export type TBreakerOverride = z.infer<typeof ZBreakerOverride>;

export const ZBreakerSettings = z.strictObject({
  defaults: ZBreakerThresholds,
  overrides: z
    .array(ZBreakerOverride)
    .max(500, "At most 500 overrides.")
    .superRefine((overrides, ctx) => {
      const seen = new Set<string>();
      overrides.forEach((o, i) => {
        if (seen.has(o.key)) ctx.addIssue({ code: "custom", path: [i, "key"], message: `${o.key} is listed twice.` });
        seen.add(o.key);
      });
    }),
});
export type TBreakerSettings = z.infer<typeof ZBreakerSettings>;

/** Today's thresholds (closed → open after 5 failures in 60 s, 30 s cool-down): what applies when nothing is set. */
export const DEFAULT_BREAKER_THRESHOLDS: TBreakerThresholds = {
  failureThreshold: 5,
  windowMs: 60_000,
  coolDownMs: 30_000,
  failureRate: null,
};

export const DEFAULT_BREAKER_SETTINGS: TBreakerSettings = { defaults: DEFAULT_BREAKER_THRESHOLDS, overrides: [] };

/**
 * The thresholds for one breaker key: an override for exactly that key, else one for its host on every port
 * (`host:api.example.com` covers `host:api.example.com:8443`), else the defaults.
 */
export function thresholdsFor(settings: TBreakerSettings, key: string): TBreakerThresholds {
  const exact = settings.overrides.find((o) => o.key === key);
  if (exact) return exact;
  const hostOnly = /^(host:.+):\d+$/.exec(key)?.[1];
  const host = hostOnly ? settings.overrides.find((o) => o.key === hostOnly) : undefined;
  return host ?? settings.defaults;
}
