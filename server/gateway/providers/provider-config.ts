import { decryptSecret } from "../../crypto/secret-box";
import { isAppError } from "../../errors";
import { NodeError } from "../../nodes/node-error";
import {
  KIND_SPECS,
  ZAzureSettings,
  ZBedrockCredentials,
  ZBedrockSettings,
  defaultBaseUrl,
  type TProviderKind,
} from "../provider-kinds.shared";
import type { TCandidate } from "../route-order";

// A stored provider row read as what a call needs: the endpoint, the decrypted credentials and the kind's settings.
// Anything missing or unreadable is INVALID_CONFIG naming the provider and where to fix it (a route then falls back).

export type TProviderRow = TCandidate["provider"];

type TApiKeyKind = "openai" | "anthropic" | "google" | "mistral";

export type THttpProviderConfig =
  | { kind: TApiKeyKind; baseUrl: string; apiKey: string }
  | { kind: "openai_compatible"; baseUrl: string; apiKey?: string }
  | { kind: "azure"; baseUrl: string; apiKey: string; apiVersion: string; deployment?: string }
  | { kind: "bedrock"; baseUrl: string; region: string; accessKeyId: string; secretAccessKey: string; sessionToken?: string };

const FIX = "in Settings → Providers";

const invalid = (provider: TProviderRow, problem: string) =>
  new NodeError("INVALID_CONFIG", `Provider "${provider.name}" ${problem}`);

/** The decrypted credentials: an object of strings (a bare string is an older `{ apiKey }`), or null when none. */
export function decryptCredentials(provider: Pick<TProviderRow, "name" | "encryptedCredentials">): Record<string, string> | null {
  if (!provider.encryptedCredentials) return null;
  let secret: unknown;
  try {
    secret = decryptSecret(provider.encryptedCredentials);
  } catch (error) {
    const reason = isAppError(error) ? error.message : "they could not be decrypted.";
    throw new NodeError("INVALID_CONFIG", `The credentials of provider "${provider.name}" are unusable: ${reason}`);
  }
  if (typeof secret === "string") return { apiKey: secret };
  if (typeof secret !== "object" || secret === null || Array.isArray(secret)) return {};
  return Object.fromEntries(Object.entries(secret).filter((e): e is [string, string] => typeof e[1] === "string"));
}

function settingsOf(provider: TProviderRow, kind: TProviderKind): Record<string, unknown> {
  const parsed = KIND_SPECS[kind].settings.safeParse(provider.settings ?? {});
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  throw invalid(provider, `has unusable settings (${first?.path.join(".") || "settings"}: ${first?.message}); fix them ${FIX}.`);
}

/** Everything an HTTP call to this provider needs. Throws INVALID_CONFIG; the Sandbox is not an HTTP provider. */
export function httpProviderConfig(provider: TProviderRow): THttpProviderConfig {
  const kind = provider.kind as TProviderKind;
  if (kind === "sandbox") throw invalid(provider, "is the Sandbox, which answers inside Baton.");
  const settings = settingsOf(provider, kind);
  const baseUrl = (provider.baseUrl ?? defaultBaseUrl(kind, settings))?.replace(/\/+$/, "");
  if (!baseUrl) {
    throw invalid(provider, kind === "azure" ? `has no Azure resource name or base URL; set one ${FIX}.` : `has no base URL; set it ${FIX}.`);
  }
  const credentials = decryptCredentials(provider) ?? {};
  if (kind === "openai_compatible") return { kind, baseUrl, ...(credentials.apiKey ? { apiKey: credentials.apiKey } : {}) };
  if (kind === "bedrock") {
    const keys = ZBedrockCredentials.safeParse(credentials);
    if (!keys.success) throw invalid(provider, `has no usable AWS access key id and secret access key; add them ${FIX}.`);
    const { region } = ZBedrockSettings.parse(settings);
    return { kind, baseUrl, region, ...keys.data };
  }
  const apiKey = credentials.apiKey;
  if (!apiKey) throw invalid(provider, `has no API key; add one ${FIX}.`);
  if (kind === "azure") {
    const azure = ZAzureSettings.parse(settings);
    return { kind, baseUrl, apiKey, apiVersion: azure.apiVersion, ...(azure.deployment ? { deployment: azure.deployment } : {}) };
  }
  return { kind, baseUrl, apiKey };
}
