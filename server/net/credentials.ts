import { z } from "zod";
import { decryptSecret } from "../crypto/secret-box";
import type { TDb } from "../db/client";
import { isAppError } from "../errors";
import { NodeError } from "../nodes/node-error";

// Stored HTTP credentials (Credential rows, JSON encrypted with secret-box) turned into request headers or query
// parameters. Invariant: secret values leave this module only inside a TCredentialAuth, whose `secrets` list lets
// callers redact them from anything they record or log.

export type TCredentialKind = "bearer" | "basic" | "header" | "api_key_query";

export type TCredentialAuth = {
  headers: Record<string, string>;
  query: Record<string, string>;
  /** Every secret value, for redaction. */
  secrets: string[];
  /** The stored credential these parts come from, and the hosts it may be sent to (credential-hosts.ts). */
  credential?: { name: string; allowedHosts: string[] };
};

export const NO_AUTH: TCredentialAuth = { headers: {}, query: {}, secrets: [] };
export const REDACTED = "[redacted]";

const ZBearer = z.object({ token: z.string().min(1) });
const ZBasic = z.object({ username: z.string(), password: z.string() });
// Older rows name the header `name`; both spellings are read.
const ZHeader = z
  .object({ header: z.string().min(1).optional(), name: z.string().min(1).optional(), value: z.string().min(1) })
  .refine((d) => d.header ?? d.name, "header name missing");
const ZApiKeyQuery = z
  .object({ param: z.string().min(1).optional(), name: z.string().min(1).optional(), value: z.string().min(1) })
  .refine((d) => d.param ?? d.name, "query parameter name missing");

/** Turns decrypted credential data into auth parts; malformed data is a configuration problem, never a crash. */
export function credentialToAuth(kind: TCredentialKind, data: unknown, label = "The credential"): TCredentialAuth {
  const fail = () =>
    new NodeError("INVALID_CONFIG", `${label} (${kind}) is incomplete: its stored data lacks a required field.`, {
      isRetryable: false,
    });
  switch (kind) {
    case "bearer": {
      const parsed = ZBearer.safeParse(data);
      if (!parsed.success) throw fail();
      return { headers: { authorization: `Bearer ${parsed.data.token}` }, query: {}, secrets: [parsed.data.token] };
    }
    case "basic": {
      const parsed = ZBasic.safeParse(data);
      if (!parsed.success) throw fail();
      const encoded = Buffer.from(`${parsed.data.username}:${parsed.data.password}`, "utf8").toString("base64");
      return { headers: { authorization: `Basic ${encoded}` }, query: {}, secrets: [encoded, parsed.data.password] };
    }
    case "header": {
      const parsed = ZHeader.safeParse(data);
      if (!parsed.success) throw fail();
      const name = (parsed.data.header ?? parsed.data.name ?? "").toLowerCase();
      return { headers: { [name]: parsed.data.value }, query: {}, secrets: [parsed.data.value] };
    }
    case "api_key_query": {
      const parsed = ZApiKeyQuery.safeParse(data);
      if (!parsed.success) throw fail();
      const param = parsed.data.param ?? parsed.data.name ?? "";
      return { headers: {}, query: { [param]: parsed.data.value }, secrets: [parsed.data.value] };
    }
  }
}

/** Loads and decrypts a credential of `teamId`. Another team's credential is refused exactly like a missing one. */
export async function loadCredentialAuth(db: TDb, input: { credentialId: string; teamId: string }): Promise<TCredentialAuth> {
  const row = await db.credential.findUnique({
    where: { id: input.credentialId },
    select: { teamId: true, name: true, kind: true, encryptedData: true, allowedHosts: true },
  });
  if (!row || row.teamId !== input.teamId) {
    throw new NodeError(
      "INVALID_CONFIG",
      "The credential selected on this node does not exist or belongs to another team. Choose one of your team's credentials.",
      { isRetryable: false, details: { credentialId: input.credentialId } },
    );
  }
  let data: unknown;
  try {
    data = decryptSecret(row.encryptedData);
  } catch (error) {
    const message = isAppError(error) ? error.message : "The credential could not be decrypted.";
    throw new NodeError("INVALID_CONFIG", `Credential "${row.name}": ${message}`, { isRetryable: false });
  }
  const auth = credentialToAuth(row.kind, data, `Credential "${row.name}"`);
  return { ...auth, credential: { name: row.name, allowedHosts: row.allowedHosts } };
}

const SENSITIVE_HEADERS = new Set([
  "authorization",
  "proxy-authorization",
  "cookie",
  "set-cookie",
  "x-api-key",
  "api-key",
  "x-auth-token",
]);

/** Headers as they may be recorded: sensitive names and any header carrying a known secret are replaced. */
export function redactHeaders(headers: Record<string, string>, auth: TCredentialAuth = NO_AUTH): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    const isSecret = SENSITIVE_HEADERS.has(lower) || Object.hasOwn(auth.headers, lower) || containsSecret(value, auth.secrets);
    result[name] = isSecret ? REDACTED : value;
  }
  return result;
}

/** A URL as it may be recorded: credential query parameters and any parameter carrying a secret are replaced. */
export function redactUrl(url: URL, auth: TCredentialAuth = NO_AUTH): string {
  const copy = new URL(url.toString());
  for (const [name, value] of [...copy.searchParams.entries()]) {
    if (Object.hasOwn(auth.query, name) || containsSecret(value, auth.secrets)) copy.searchParams.set(name, REDACTED);
  }
  return copy.toString();
}

/** Replaces every secret value inside free text (error messages, echoed bodies). */
export function redactText(text: string, auth: TCredentialAuth): string {
  return auth.secrets.reduce((acc, secret) => (secret.length >= 4 ? acc.split(secret).join(REDACTED) : acc), text);
}

function containsSecret(value: string, secrets: string[]): boolean {
  return secrets.some((secret) => secret.length >= 4 && value.includes(secret));
}
