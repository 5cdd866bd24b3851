import { randomUUID } from "node:crypto";
import { z } from "zod";
import { NodeError } from "../nodes/node-error";
import { redisKey, type TRedis } from "../redis/client";
import { circuitOpenError, toInfo, ZHash, type TBreakerInfo } from "./circuit-breaker-info";
import { ADMIT_SCRIPT, RECORD_SCRIPT, RELEASE_SCRIPT } from "./circuit-breaker-scripts";
import { runScript } from "../redis/run-script";

// Circuit breakers per `provider:<id>` or `host:<hostname>`, shared by every worker through Redis.
// closed → open after `failureThreshold` failures within `windowMs` (or a failure rate) → after `coolDownMs` one probe
// goes through (half-open) → its success closes the circuit, its failure re-opens it.

export type { TBreakerInfo, TBreakerState } from "./circuit-breaker-info";
export type TBreakerOutcome = "success" | "failure" | "ignore";

export type TBreakerOptions = {
  failureThreshold: number;
  windowMs: number;
  coolDownMs: number;
  /** Also open when this share of calls failed within the window (0 < rate ≤ 1) over at least `minRequests`. */
  failureRate?: { threshold: number; minRequests: number };
  /** How long the half-open probe owns its slot before another caller may probe (e.g. its worker died). */
  probeLeaseMs: number;
};

export type TGuardOptions<T> = Partial<TBreakerOptions> & {
  /** A result can be a failure too (an HTTP node that does not throw on 5xx). */
  classifyResult?: (value: T) => TBreakerOutcome;
  classifyError?: (error: unknown) => TBreakerOutcome;
};

export const DEFAULT_BREAKER_OPTIONS: TBreakerOptions = {
  failureThreshold: 5,
  windowMs: 60_000,
  coolDownMs: 30_000,
  probeLeaseMs: 60_000,
};

const DAY_MS = 24 * 60 * 60 * 1000;
const FAILURE_CODES = new Set(["NETWORK", "TIMEOUT", "HTTP_5XX", "RATE_LIMITED", "UPSTREAM"]);

/**
 * One breaker per origin host and port: two services on one host (or on loopback) fail independently. An IPv6 address
 * is written in brackets, as in a URL (`host:[::1]:8080`), the form an override for it is saved in.
 */
export const hostBreakerKey = (hostname: string, port = ""): string => {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, "");
  return `host:${host.includes(":") ? `[${host}]` : host}${port ? `:${port}` : ""}`;
};
export const providerBreakerKey = (providerId: string): string => `provider:${providerId}`;

/** Network errors, timeouts, 5xx and 429 count against the host; a 4xx proves it is up; anything else is neutral. */
export function classifyBreakerError(error: unknown): TBreakerOutcome {
  if (!(error instanceof NodeError)) return "ignore";
  if (FAILURE_CODES.has(error.code)) return "failure";
  return error.code === "HTTP_4XX" ? "success" : "ignore";
}

const stateKey = (key: string) => redisKey("breaker", "state", key);
const windowKey = (key: string) => redisKey("breaker", "window", key);
const registryKey = () => redisKey("breaker", "keys");

const ZAdmission = z.tuple([z.coerce.number(), z.enum(["closed", "open", "half_open"]), z.coerce.number()]);

/** Where a breaker's options come from per key (the thresholds configured in Settings → Engine, breaker-settings.ts). */
export type TBreakerOptionsSource = (key: string) => Promise<Partial<TBreakerOptions>>;

/** How soon a caller refused during a half-open probe may ask again: a tenth of the cool-down, within 250 ms – 5 s, never more than the cool-down. */
export const halfOpenRecheckMs = (o: Pick<TBreakerOptions, "coolDownMs">): number => Math.min(o.coolDownMs, Math.max(250, Math.min(5000, o.coolDownMs / 10)));

export function createCircuitBreaker(
  redis: TRedis,
  defaults: Partial<TBreakerOptions> = {},
  onRecordError?: (error: unknown, key: string) => void,
  optionsFor?: TBreakerOptionsSource,
) {
  const base: TBreakerOptions = { ...DEFAULT_BREAKER_OPTIONS, ...defaults };
  const ttlOf = (o: TBreakerOptions) => Math.max(DAY_MS, 2 * (o.windowMs + o.coolDownMs + o.probeLeaseMs));

  async function admit(key: string, token: string, o: TBreakerOptions) {
    const args = [key, token, o.probeLeaseMs, ttlOf(o), Math.round(halfOpenRecheckMs(o))];
    const raw = await runScript(redis, ADMIT_SCRIPT, [stateKey(key)], args);
    const [allowed, state, retryAt] = ZAdmission.parse(raw);
    return { isAllowed: allowed === 1, isProbe: allowed === 1 && state === "half_open", state, retryAt };
  }

  async function record(key: string, outcome: "success" | "failure", token = "", options: Partial<TBreakerOptions> = {}) {
    const o = { ...base, ...options };
    const args = [key, outcome, token, o.failureThreshold, o.windowMs, o.coolDownMs];
    args.push(o.failureRate?.threshold ?? 0, o.failureRate?.minRequests ?? 0, ttlOf(o));
    const keys = [stateKey(key), windowKey(key), registryKey()];
    return z.enum(["closed", "open", "half_open"]).parse(await runScript(redis, RECORD_SCRIPT, keys, args));
  }

  async function settle(key: string, outcome: TBreakerOutcome, admission: { isProbe: boolean }, token: string, o: TBreakerOptions) {
    try {
      if (outcome === "failure") await record(key, "failure", token, o);
      else if (outcome === "success" && (admission.isProbe || o.failureRate)) await record(key, "success", token, o);
      else if (admission.isProbe) await runScript(redis, RELEASE_SCRIPT, [stateKey(key)], [token]);
    } catch (error) {
      // The call itself already happened: losing one breaker sample is better than failing (and so re-running) it.
      onRecordError?.(error, key);
    }
  }

  return {
    /** Runs `fn` unless the circuit is open; records its outcome. Throws NodeError CIRCUIT_OPEN (retryable later). */
    async guard<T>(key: string, fn: () => Promise<T>, options: TGuardOptions<T> = {}): Promise<T> {
      const o: TBreakerOptions = { ...base, ...(optionsFor ? await optionsFor(key) : {}), ...options };
      const token = randomUUID();
      const admission = await admit(key, token, o);
      if (!admission.isAllowed) throw circuitOpenError(key, admission.retryAt);
      let value: T;
      try {
        value = await fn();
      } catch (error) {
        await settle(key, (options.classifyError ?? classifyBreakerError)(error), admission, token, o);
        throw error;
      }
      await settle(key, options.classifyResult?.(value) ?? "success", admission, token, o);
      return value;
    },
    recordSuccess: (key: string, options?: Partial<TBreakerOptions> & { probeToken?: string }) =>
      record(key, "success", options?.probeToken, options),
    recordFailure: (key: string, options?: Partial<TBreakerOptions> & { probeToken?: string }) =>
      record(key, "failure", options?.probeToken, options),
    async getState(key: string): Promise<TBreakerInfo> {
      const [hash, window] = await Promise.all([redis.hgetall(stateKey(key)), redis.hgetall(windowKey(key))]);
      return toInfo(key, hash, window, base.windowMs);
    },
    /** Every breaker that has seen a failure recently, for the Settings page. */
    async listBreakers(): Promise<TBreakerInfo[]> {
      const keys = (await redis.smembers(registryKey())).sort();
      if (keys.length === 0) return [];
      const pipeline = redis.pipeline();
      for (const key of keys) pipeline.hgetall(stateKey(key)).hgetall(windowKey(key));
      const results = (await pipeline.exec()) ?? [];
      const infos: TBreakerInfo[] = [];
      const gone: string[] = [];
      keys.forEach((key, i) => {
        const hash = ZHash.catch({}).parse(results[2 * i]?.[1]);
        if (Object.keys(hash).length > 0) infos.push(toInfo(key, hash, ZHash.catch({}).parse(results[2 * i + 1]?.[1]), base.windowMs));
        else gone.push(key);
      });
      if (gone.length > 0) await redis.srem(registryKey(), ...gone);
      return infos;
    },
    /** Admin action: forget everything about the breaker, which closes it. */
    async resetBreaker(key: string): Promise<void> {
      await redis.multi().del(stateKey(key), windowKey(key)).srem(registryKey(), key).exec();
    },
  };
}

export type TCircuitBreaker = ReturnType<typeof createCircuitBreaker>;
