import { z } from "zod";
import type { Redis } from "ioredis";
import type { TDb } from "../db/client";
import { AppError } from "../errors";
import { getEnv, type TEnv } from "../config/env";
import { dummyPasswordHash, verifyPassword } from "./password";
import { appendAudit } from "../audit/append";
import { ACCOUNT_DISABLED_MESSAGE } from "./principal";
import { addressBucket, UNKNOWN_CLIENT } from "../net/trusted-proxies";
import {
  backoffFail,
  backoffReset,
  backoffWait,
  capFail,
  capLockedFor,
  hit,
  isKnownAddress,
  peek,
  rememberAddress,
  tooManyAttempts,
  type TBackoff,
  type TFailureCap,
  type TKnownAddresses,
  type TRateLimit,
} from "./rate-limit";

export const ZCredentials = z.object({
  email: z.string().trim().toLowerCase().max(320, "Enter a valid email address").pipe(z.email("Enter a valid email address")),
  password: z.string().min(1, "Enter your password").max(1024),
});

export type TSignInResult = { id: string; email: string; name: string };

/** The sign-in throttling settings (README, "Configuration"). */
export type TSignInLimits = {
  freeFailuresPerAccountAndIp: number;
  maxDelaySeconds: number;
  maxFailuresPerAccount: number;
  accountWindowSeconds: number;
  accountLockSeconds: number;
  maxFailuresPerIp: number;
  maxAttemptsPerIp: number;
  ipWindowSeconds: number;
  /** How long an address (bucket) where the account signed in stays exempt from the per-account lock. */
  knownAddressSeconds: number;
};

const KNOWN_ADDRESS_DAYS = 30;
const MAX_KNOWN_ADDRESSES_PER_ACCOUNT = 20;

export function signInLimitsFromEnv(env: TEnv): TSignInLimits {
  return {
    freeFailuresPerAccountAndIp: env.SIGNIN_FREE_FAILURES,
    maxDelaySeconds: env.SIGNIN_MAX_DELAY_SECONDS,
    maxFailuresPerAccount: env.SIGNIN_MAX_FAILURES_PER_ACCOUNT,
    accountWindowSeconds: 3600,
    accountLockSeconds: env.SIGNIN_ACCOUNT_LOCK_SECONDS,
    maxFailuresPerIp: env.SIGNIN_MAX_FAILURES_PER_IP,
    maxAttemptsPerIp: env.SIGNIN_MAX_PER_IP,
    ipWindowSeconds: env.SIGNIN_WINDOW_SECONDS,
    knownAddressSeconds: KNOWN_ADDRESS_DAYS * 86_400,
  };
}

const INVALID = "Incorrect email or password.";

type TDeps = { db: TDb; redis: Redis; limits?: TSignInLimits };
type TCounters = {
  bucket: string;
  ipAttempts: TRateLimit;
  ipFailures: TRateLimit;
  accountIp: TBackoff;
  account: TFailureCap;
  known: TKnownAddresses;
};

/** Every per-address counter keys on the address bucket (an IPv6 client's /64); the audit keeps the full address. */
function counters(limits: TSignInLimits, email: string, address: string): TCounters {
  const ip = addressBucket(address);
  return {
    bucket: ip,
    ipAttempts: { key: `signin:ip-attempts:${ip}`, max: limits.maxAttemptsPerIp, windowSeconds: limits.ipWindowSeconds },
    ipFailures: { key: `signin:ip-failures:${ip}`, max: limits.maxFailuresPerIp, windowSeconds: limits.ipWindowSeconds },
    accountIp: {
      key: `signin:account-ip:${email}:${ip}`,
      free: limits.freeFailuresPerAccountAndIp,
      maxDelaySeconds: limits.maxDelaySeconds,
      memorySeconds: limits.ipWindowSeconds,
    },
    account: {
      key: `signin:account:${email}`,
      max: limits.maxFailuresPerAccount,
      windowSeconds: limits.accountWindowSeconds,
      lockSeconds: limits.accountLockSeconds,
    },
    known: { key: `signin:known:${email}`, ttlSeconds: limits.knownAddressSeconds, max: MAX_KNOWN_ADDRESSES_PER_ACCOUNT },
  };
}

const systemActor = (email: string) => ({ type: "system" as const, label: email });

/**
 * Refuses the attempt before any password is checked when a limit holds. Only the address-wide attempt cap counts
 * every attempt; the others count failures, so successful sign-ins (an office behind one NAT) never use them up.
 * The per-account lock does not hold for an address where the person signed in recently, so strangers elsewhere
 * cannot lock them out (that address still has its own delays). Returns whether the lock was passed that way.
 */
async function assertMayAttempt(deps: TDeps, c: TCounters, email: string, ip: string): Promise<{ isPastLock: boolean }> {
  const attempts = await hit(deps.redis, c.ipAttempts);
  if (attempts.count > c.ipAttempts.max) {
    if (attempts.count === c.ipAttempts.max + 1) {
      await appendAudit(deps.db, {
        actor: systemActor(email),
        action: "auth.sign_in_throttled",
        resource: { type: "address", id: ip },
        data: { ip, addressBucket: c.bucket, reason: "ip_attempts", limit: c.ipAttempts.max, windowSeconds: c.ipAttempts.windowSeconds },
      });
    }
    throw tooManyAttempts("ip_attempts", attempts.ttl);
  }
  const failures = await peek(deps.redis, c.ipFailures);
  if (failures.count >= c.ipFailures.max) throw tooManyAttempts("ip_failures", failures.ttl);
  const lockedFor = await capLockedFor(deps.redis, c.account);
  const isPastLock = lockedFor > 0 && c.bucket !== UNKNOWN_CLIENT && (await isKnownAddress(deps.redis, c.known, c.bucket));
  if (lockedFor > 0 && !isPastLock) throw tooManyAttempts("account_locked", lockedFor);
  const waitMs = await backoffWait(deps.redis, c.accountIp);
  if (waitMs > 0) throw tooManyAttempts("account_ip_delay", waitMs / 1000);
  return { isPastLock };
}

/** Counts one failure everywhere it counts, and audits each lockout or delay once, when it starts. */
async function recordFailure(deps: TDeps, c: TCounters, email: string, ip: string, userId: string | null): Promise<void> {
  const byIp = await hit(deps.redis, c.ipFailures);
  const byAccountIp = await backoffFail(deps.redis, c.accountIp);
  const isAccountLocked = await capFail(deps.redis, c.account);
  const alerts: { action: string; data: Record<string, unknown> }[] = [];
  if (byIp.count === c.ipFailures.max) {
    alerts.push({ action: "auth.sign_in_throttled", data: { ip, addressBucket: c.bucket, reason: "ip_failures", limit: c.ipFailures.max, windowSeconds: c.ipFailures.windowSeconds } });
  }
  if (byAccountIp.failures === c.accountIp.free) {
    alerts.push({ action: "auth.sign_in_delayed", data: { email, ip, failures: byAccountIp.failures, delaySeconds: byAccountIp.delaySeconds } });
  }
  if (isAccountLocked) {
    alerts.push({ action: "auth.account_locked", data: { email, ip, failures: c.account.max, windowSeconds: c.account.windowSeconds, lockSeconds: c.account.lockSeconds } });
  }
  for (const alert of alerts) {
    await appendAudit(deps.db, { actor: systemActor(email), action: alert.action, resource: { type: "user", id: userId }, data: alert.data });
  }
}

/**
 * Checks email and password, throttled in Redis (README, "Architecture"): exponential delays per account and
 * address after a few failures, a much higher failure cap per account across all addresses that locks it for a while
 * (except from addresses where the person signed in within the last 30 days), and per-address caps on failures and
 * on all attempts. "Address" means an IPv4 address or an IPv6 /64. Unknown emails are throttled exactly like real ones.
 */
export async function signInWithPassword(deps: TDeps, input: unknown, ip: string): Promise<TSignInResult> {
  const parsed = ZCredentials.safeParse(input);
  if (!parsed.success) throw new AppError("VALIDATION", parsed.error.issues[0]?.message ?? INVALID);
  const { email, password } = parsed.data;
  const c = counters(deps.limits ?? signInLimitsFromEnv(getEnv()), email, ip);
  const { isPastLock } = await assertMayAttempt(deps, c, email, ip);

  const user = await deps.db.user.findUnique({ where: { email } });
  const isValid = user?.passwordHash
    ? await verifyPassword(user.passwordHash, password)
    : await verifyPassword(await dummyPasswordHash(), password).then(() => false);

  if (!user || !isValid || !user.isActive) {
    await appendAudit(deps.db, {
      actor: systemActor(email),
      action: "auth.sign_in_failed",
      resource: { type: "user", id: user?.id ?? null },
      data: { email, ip, reason: !user ? "unknown_account" : !user.isActive ? "disabled" : "wrong_password" },
    });
    await recordFailure(deps, c, email, ip, user?.id ?? null);
    if (user && !user.isActive && isValid) throw new AppError("FORBIDDEN", ACCOUNT_DISABLED_MESSAGE);
    throw new AppError("UNAUTHENTICATED", INVALID);
  }

  await backoffReset(deps.redis, c.accountIp);
  // `unknown` is everyone whose address could not be read: never a known address.
  if (c.bucket !== UNKNOWN_CLIENT) await rememberAddress(deps.redis, c.known, c.bucket);
  await deps.db.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
  await appendAudit(deps.db, {
    actor: { type: "user", id: user.id, label: user.email },
    action: "auth.signed_in",
    resource: { type: "user", id: user.id },
    data: { ip, method: "password", ...(isPastLock ? { accountLocked: true, knownAddress: true } : {}) },
  });
  return { id: user.id, email: user.email, name: user.name };
}
