import { z } from "zod";
import type { Redis } from "ioredis";
import type { TDb } from "../db/client";
import { AppError } from "../errors";
import { getEnv } from "../config/env";
import { dummyPasswordHash, verifyPassword } from "./password";
import { hit, peek, reset, tooManyAttempts } from "./rate-limit";
import { appendAudit } from "../audit/append";

export const ZCredentials = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address")),
  password: z.string().min(1, "Enter your password").max(1024),
});

export type TSignInResult = { id: string; email: string; name: string };

const INVALID = "Incorrect email or password.";

/**
 * Checks email and password with per-IP and per-account rate limits (Redis). Failures are audited.
 * The per-account counter counts failures only and is cleared by a successful sign-in.
 */
export async function signInWithPassword(
  deps: { db: TDb; redis: Redis },
  input: unknown,
  ip: string,
): Promise<TSignInResult> {
  const env = getEnv();
  const parsed = ZCredentials.safeParse(input);
  if (!parsed.success) throw new AppError("VALIDATION", parsed.error.issues[0]?.message ?? INVALID);
  const { email, password } = parsed.data;

  const ipLimit = { key: `signin:ip:${ip}`, max: env.SIGNIN_MAX_PER_IP, windowSeconds: env.SIGNIN_WINDOW_SECONDS };
  const accountLimit = {
    key: `signin:account:${email}`,
    max: env.SIGNIN_MAX_PER_ACCOUNT,
    windowSeconds: env.SIGNIN_WINDOW_SECONDS,
  };
  const byIp = await hit(deps.redis, ipLimit);
  if (byIp.count > ipLimit.max) throw tooManyAttempts(byIp.ttl);
  const byAccount = await peek(deps.redis, accountLimit);
  if (byAccount.count >= accountLimit.max) throw tooManyAttempts(byAccount.ttl);

  const user = await deps.db.user.findUnique({ where: { email } });
  const isValid = user?.passwordHash
    ? await verifyPassword(user.passwordHash, password)
    : await verifyPassword(await dummyPasswordHash(), password).then(() => false);

  if (!user || !isValid || !user.isActive) {
    await hit(deps.redis, accountLimit);
    await appendAudit(deps.db, {
      actor: { type: "system", label: email },
      action: "auth.sign_in_failed",
      resource: { type: "user", id: user?.id ?? null },
      data: { email, ip, reason: !user ? "unknown_account" : !user.isActive ? "disabled" : "wrong_password" },
    });
    if (user && !user.isActive && isValid) throw new AppError("FORBIDDEN", "This account is disabled. Ask an admin.");
    throw new AppError("UNAUTHENTICATED", INVALID);
  }

  await reset(deps.redis, accountLimit);
  await deps.db.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
  await appendAudit(deps.db, {
    actor: { type: "user", id: user.id, label: user.email },
    action: "auth.signed_in",
    resource: { type: "user", id: user.id },
    data: { ip, method: "password" },
  });
  return { id: user.id, email: user.email, name: user.name };
}
