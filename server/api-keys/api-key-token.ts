// The API key itself: `bk_<prefix>_<secret>`. The prefix (12 hex characters, 48 random bits) is stored and shown so
// people can tell keys apart; the secret (32 random bytes, base64url) is never stored. What is stored is SHA-256 of
// the whole key: the key is 256 bits of randomness, so a fast hash cannot be brute-forced (a slow password hash buys
// nothing and would cost every request tens of milliseconds).
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

const KEY_PATTERN = /^bk_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

export type TNewApiKey = { token: string; prefix: string; hash: string };

export function hashApiKey(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function newApiKey(): TNewApiKey {
  const prefix = randomBytes(6).toString("hex");
  const token = `bk_${prefix}_${randomBytes(32).toString("base64url")}`;
  return { token, prefix, hash: hashApiKey(token) };
}

/** The prefix of a well-formed key, or null for anything else. */
export function apiKeyPrefix(token: string): string | null {
  return KEY_PATTERN.exec(token)?.[1] ?? null;
}

/** Compares the presented key's hash with the stored one in constant time. */
export function isSameApiKeyHash(presentedHash: string, storedHash: string): boolean {
  const a = Buffer.from(presentedHash, "hex");
  const b = Buffer.from(storedHash, "hex");
  return a.length === b.length && a.length > 0 && timingSafeEqual(a, b);
}
