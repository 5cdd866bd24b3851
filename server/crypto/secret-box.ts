import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { getSecrets } from "../config/secrets";
import { AppError } from "../errors";

// AES-256-GCM for JSON secrets at rest (provider credentials, HTTP credentials).
// Format: "v1.<iv b64>.<tag b64>.<data b64>". The version prefix lets the scheme change without ambiguity.
// The key is derived with HKDF-SHA256 from BATON_SECRET_KEY with a fixed salt/info: the same key setting always
// yields the same AES key, and a separate purpose (another info string) would yield an unrelated one.

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HKDF_SALT = "baton/secret-box";
const HKDF_INFO = "aes-256-gcm/v1";

export type TJsonSecret = null | boolean | number | string | TJsonSecret[] | { [key: string]: TJsonSecret };
export type TSecretBoxOptions = { secretKey?: string };

const keyCache = new Map<string, Buffer>();

function deriveKey(secretKey: string): Buffer {
  let key = keyCache.get(secretKey);
  if (!key) {
    key = Buffer.from(hkdfSync("sha256", secretKey, HKDF_SALT, HKDF_INFO, 32));
    keyCache.set(secretKey, key);
  }
  return key;
}

function keyFor(options: TSecretBoxOptions): Buffer {
  return deriveKey(options.secretKey ?? getSecrets().BATON_SECRET_KEY);
}

/** Encrypts any JSON value; a fresh random IV each time, so equal secrets give different boxes. */
export function encryptSecret(value: TJsonSecret, options: TSecretBoxOptions = {}): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", keyFor(options), iv);
  const data = Buffer.concat([cipher.update(JSON.stringify(value), "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv.toString("base64"), tag.toString("base64"), data.toString("base64")].join(".");
}

const UNREADABLE =
  "A stored secret could not be decrypted: it was altered, or it was encrypted with a different BATON_SECRET_KEY. Enter the credentials again.";

/** Decrypts a box made by encryptSecret. A malformed, tampered or foreign box is an AppError, never a crash. */
export function decryptSecret(box: string, options: TSecretBoxOptions = {}): TJsonSecret {
  const parts = box.split(".");
  if (parts.length !== 4 || parts[0] !== VERSION) {
    throw new AppError(
      "INTERNAL",
      "A stored secret is not in a format this version of Baton can read. Enter the credentials again.",
    );
  }
  const [, ivText = "", tagText = "", dataText = ""] = parts;
  const iv = Buffer.from(ivText, "base64");
  const tag = Buffer.from(tagText, "base64");
  const data = Buffer.from(dataText, "base64");
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new AppError("INTERNAL", UNREADABLE);
  let plain: string;
  try {
    const decipher = createDecipheriv("aes-256-gcm", keyFor(options), iv, { authTagLength: TAG_BYTES });
    decipher.setAuthTag(tag);
    plain = Buffer.concat([decipher.update(data), decipher.final()]).toString("utf8");
  } catch {
    throw new AppError("INTERNAL", UNREADABLE);
  }
  try {
    return JSON.parse(plain) as TJsonSecret;
  } catch {
    // Authenticated but not JSON: only possible if something else wrote the box with our key.
    throw new AppError("INTERNAL", UNREADABLE);
  }
}

export function isSecretBox(value: string): boolean {
  return value.startsWith(`${VERSION}.`) && value.split(".").length === 4;
}

const SHOWN_SUFFIX = 4;
const MIN_LENGTH_TO_REVEAL = 12;

/**
 * A display form that lets people recognise a secret without revealing it: a vendor prefix such as "sk-" and the
 * last 4 characters ("sk-…abcd"). Secrets too short to spare 4 characters show nothing at all.
 */
export function maskSecret(secret: string): string {
  const trimmed = secret.trim();
  if (trimmed.length < MIN_LENGTH_TO_REVEAL) return "••••";
  const prefix = /^[A-Za-z]{1,8}[-_]/.exec(trimmed)?.[0] ?? "";
  return `${prefix}…${trimmed.slice(-SHOWN_SUFFIX)}`;
}
