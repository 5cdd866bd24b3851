// One-time credentials an admin hands to a person: a password to replace at first sign-in, or a sign-in link that
// works once. Both are random, shown once, and stored only as hashes (argon2id for the password, sha256 for the link's
// 256-bit token, which is too long to guess and needs no slow hash).
import { createHash, randomBytes, randomInt } from "node:crypto";
import { hashPassword } from "../auth/password";
import { getEnv } from "../config/env";
import type { Prisma } from "../db/generated/client";
import { SIGN_IN_LINK_HOURS, type TCredentialKind, type TOneTimeSecret } from "./user-input.shared";

type TTx = Prisma.TransactionClient;

// No 0/o, 1/l/i: read aloud or typed from a screen without mistakes. 20 characters of 31 ≈ 99 bits.
const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

export function newOneTimePassword(): string {
  const chars = Array.from({ length: 20 }, () => ALPHABET[randomInt(ALPHABET.length)]);
  return [0, 4, 8, 12, 16].map((i) => chars.slice(i, i + 4).join("")).join("-");
}

export function hashLinkToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** What a credential writes on the account, made before the transaction (hashing a password takes a while). */
export type TPreparedCredential =
  | { kind: "one_time_password"; password: string; passwordHash: string }
  | { kind: "sign_in_link"; token: string; tokenHash: string; expiresAt: Date };

export async function prepareCredential(kind: TCredentialKind, now = new Date()): Promise<TPreparedCredential> {
  if (kind === "one_time_password") {
    const password = newOneTimePassword();
    return { kind, password, passwordHash: await hashPassword(password) };
  }
  const token = randomBytes(32).toString("base64url");
  return { kind, token, tokenHash: hashLinkToken(token), expiresAt: new Date(now.getTime() + SIGN_IN_LINK_HOURS * 3600_000) };
}

/** The account fields a credential sets: the new password, or none at all (the link's person then chooses one). */
export function credentialFields(c: TPreparedCredential) {
  return { passwordHash: c.kind === "one_time_password" ? c.passwordHash : null, isPasswordChangeRequired: true };
}

/**
 * Stores the link's hash (for a link) and returns what the admin is shown. Links start with `#` after the page, so
 * the token stays in the browser: it never reaches a server log or a Referer.
 */
export async function storeCredential(tx: TTx, userId: string, c: TPreparedCredential, createdById: string): Promise<TOneTimeSecret> {
  if (c.kind === "one_time_password") return { kind: c.kind, password: c.password };
  await tx.signInLink.create({ data: { userId, tokenHash: c.tokenHash, expiresAt: c.expiresAt, createdById } });
  const url = new URL("/signin/link", getEnv().NEXTAUTH_URL);
  url.hash = c.token;
  return { kind: c.kind, url: url.toString(), expiresAt: c.expiresAt.toISOString() };
}

/** Ends the person's unused links (a new credential, a password change, a disabled account). */
export async function dropUnusedLinks(tx: TTx, userId: string): Promise<void> {
  await tx.signInLink.deleteMany({ where: { userId, usedAt: null } });
}
