import type { Provider } from "../db/generated/client";
import { CREDENTIAL_FIELDS, defaultBaseUrl, maskSecret, type TProviderKind } from "../gateway/provider-kinds.shared";
import { decryptCredentials } from "../gateway/providers/provider-config";
import { isNodeError } from "../nodes/node-error";
import type { TProviderView } from "./providers.shared";

// A provider row as the API shows it and as the audit trail records it: credentials masked, never in clear.

type TProviderRow = Pick<Provider, "id" | "name" | "kind" | "baseUrl" | "encryptedCredentials" | "settings" | "isEnabled" | "createdAt" | "updatedAt">;

function objectOf(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** Each stored credential field masked, in the kind's order; or why they cannot be read. */
export function maskedCredentials(row: Pick<TProviderRow, "name" | "kind" | "encryptedCredentials">): {
  credentials: Record<string, string> | null;
  problem: string | null;
} {
  let stored: Record<string, string> | null;
  try {
    stored = decryptCredentials(row);
  } catch (error) {
    return { credentials: null, problem: isNodeError(error) ? error.message : "The stored credentials cannot be read." };
  }
  if (!stored) return { credentials: null, problem: null };
  const order = CREDENTIAL_FIELDS[row.kind as TProviderKind] ?? [];
  const keys = [...order.filter((k) => k in stored), ...Object.keys(stored).filter((k) => !order.includes(k))];
  return { credentials: Object.fromEntries(keys.map((k) => [k, maskSecret(stored[k] ?? "")])), problem: null };
}

export function providerView(row: TProviderRow, modelCount: number): TProviderView {
  const settings = objectOf(row.settings);
  const { credentials, problem } = maskedCredentials(row);
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as TProviderKind,
    baseUrl: row.baseUrl,
    defaultBaseUrl: defaultBaseUrl(row.kind as TProviderKind, settings),
    isEnabled: row.isEnabled,
    settings,
    credentials,
    credentialsProblem: problem,
    hasCredentials: row.encryptedCredentials !== null,
    modelCount,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** What the audit trail keeps of a provider, before and after a change: no secret, only its mask. */
export function auditableProvider(row: TProviderRow) {
  return {
    name: row.name,
    kind: row.kind,
    baseUrl: row.baseUrl,
    isEnabled: row.isEnabled,
    settings: objectOf(row.settings),
    credentials: maskedCredentials(row).credentials,
  };
}
