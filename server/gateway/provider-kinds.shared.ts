import { z } from "zod";
import { SANDBOX_LABEL, ZSandboxSettings } from "./sandbox.shared";

// Isomorphic: the kinds of model provider, what each needs (base URL, settings, credentials) and how each is
// validated, for the API, the gateway that calls them and the Settings → Providers form alike. Credentials are
// write-only: they are validated here, encrypted by the server and never sent back (see maskSecret).

export const PROVIDER_KINDS = ["openai", "azure", "anthropic", "google", "mistral", "bedrock", "openai_compatible", "sandbox"] as const;
export type TProviderKind = (typeof PROVIDER_KINDS)[number];

export const PROVIDER_KIND_LABELS: Record<TProviderKind, string> = {
  openai: "OpenAI",
  azure: "Azure OpenAI",
  anthropic: "Anthropic",
  google: "Google Gemini",
  mistral: "Mistral",
  bedrock: "AWS Bedrock",
  openai_compatible: "OpenAI-compatible",
  sandbox: SANDBOX_LABEL,
};

/** The vendors' own endpoints, used when a provider sets no base URL (Azure's and Bedrock's follow a setting). */
export const DEFAULT_BASE_URLS = {
  openai: "https://api.openai.com/v1",
  anthropic: "https://api.anthropic.com/v1",
  google: "https://generativelanguage.googleapis.com/v1beta",
  mistral: "https://api.mistral.ai/v1",
} as const;

/** Azure OpenAI's generally available data-plane API version when a provider names none. */
export const DEFAULT_AZURE_API_VERSION = "2024-10-21";

const API_KEY_VENDOR: Partial<Record<TProviderKind, string>> = {
  openai: "OpenAI",
  azure: "Azure OpenAI",
  anthropic: "Anthropic",
  google: "Gemini",
  mistral: "Mistral",
  openai_compatible: "server's",
};

export const KIND_LIST_TEXT = `${PROVIDER_KINDS.slice(0, -1).join(", ")} or ${PROVIDER_KINDS.at(-1)}`;

export const ZProviderName = z
  .string({ error: "Give the provider a name." })
  .trim()
  .min(1, "Give the provider a name.")
  .max(100, "A provider name has at most 100 characters.");

function isHttpUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
}

export const ZBaseUrl = z
  .string({ error: "Enter the base URL as text, such as https://api.example.com/v1." })
  .trim()
  .max(2000, "A base URL has at most 2000 characters.")
  .refine(isHttpUrl, "Enter an http:// or https:// URL, such as https://api.example.com/v1.")
  .refine((v) => !isHttpUrl(v) || (!new URL(v).username && !new URL(v).password), "Leave credentials out of the URL: enter the key in its own field.")
  .refine((v) => !isHttpUrl(v) || (!new URL(v).search && !new URL(v).hash), "Leave the query string and # out of the base URL.")
  .transform((v) => v.replace(/\/+$/, ""));

function apiKey(kind: TProviderKind) {
  const missing = `Enter the ${API_KEY_VENDOR[kind] ?? ""} API key.`.replace("  ", " ");
  return z
    .string({ error: missing })
    .trim()
    .min(1, missing)
    .max(4000, "An API key has at most 4000 characters.")
    .refine((v) => !/\s/.test(v), "An API key has no spaces or line breaks.");
}

/** A strict object whose unknown keys are named in words (the form and the API show the message as it is). */
function strictFields<T extends z.ZodRawShape>(shape: T, what: string, missing?: string) {
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code === "unrecognized_keys") return `${issue.keys.map((k) => `"${k}"`).join(", ")} is not a field of ${what}.`;
      return missing ?? `Send ${what} as an object.`;
    },
  });
}

const ZNoSettings = (label: string) => strictFields({}, `${label} settings (it has none)`);

export const ZAzureSettings = strictFields(
  {
    resourceName: z
      .string({ error: "Enter the Azure resource name as text." })
      .trim()
      .regex(/^[a-zA-Z0-9][a-zA-Z0-9-]{0,62}$/, "Enter the Azure resource name: letters, digits and hyphens, the part before .openai.azure.com.")
      .optional(),
    apiVersion: z
      .string({ error: "Enter the API version as text." })
      .trim()
      .regex(/^\d{4}-\d{2}-\d{2}(-preview)?$/, "Enter an Azure API version such as 2024-10-21 (YYYY-MM-DD, optionally ending in -preview).")
      .default(DEFAULT_AZURE_API_VERSION),
    deployment: z
      .string({ error: "Enter the deployment name as text." })
      .trim()
      .regex(/^[a-zA-Z0-9._-]{1,64}$/, "Enter the deployment name: up to 64 letters, digits, dots, hyphens and underscores.")
      .optional(),
  },
  "Azure OpenAI settings",
);

export const ZBedrockSettings = strictFields(
  {
    region: z
      .string({ error: "Enter the AWS region, such as us-east-1." })
      .trim()
      .regex(/^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d{1,2}$/, "Enter an AWS region such as us-east-1 or eu-central-1."),
  },
  "AWS Bedrock settings",
  "Enter the AWS region, such as us-east-1.",
);

const ZApiKeyCredentials = (kind: TProviderKind) =>
  strictFields({ apiKey: apiKey(kind) }, `${PROVIDER_KIND_LABELS[kind]} credentials`, `Enter the ${API_KEY_VENDOR[kind]} API key.`);

export const ZBedrockCredentials = strictFields(
  {
    accessKeyId: z
      .string({ error: "Enter the AWS access key id." })
      .trim()
      .regex(/^[A-Z0-9]{16,128}$/, "An AWS access key id is 16 to 128 capital letters and digits, such as AKIAIOSFODNN7EXAMPLE."),
    secretAccessKey: z
      .string({ error: "Enter the AWS secret access key." })
      .trim()
      .min(16, "An AWS secret access key has at least 16 characters.")
      .max(256, "An AWS secret access key has at most 256 characters.")
      .refine((v) => !/\s/.test(v), "An AWS secret access key has no spaces or line breaks."),
    sessionToken: z
      .string({ error: "Enter the session token as text." })
      .trim()
      .max(4000, "A session token has at most 4000 characters.")
      .optional()
      .transform((v) => (v ? v : undefined)),
  },
  "AWS Bedrock credentials",
  "Enter the AWS access key id and secret access key.",
);

const ZCompatibleCredentials = strictFields(
  { apiKey: apiKey("openai_compatible").optional() },
  "OpenAI-compatible credentials",
);

export const ZSandboxProviderSettings = strictFields(ZSandboxSettings.shape, "Sandbox settings");

type TBaseUrlRule = "optional" | "required" | "none";

/** What one kind needs: its settings, its credentials (null: none) and whether a base URL is optional, required or refused. */
type TKindSpec = {
  settings: z.ZodType<Record<string, unknown>, unknown>;
  credentials: z.ZodType<Record<string, string | undefined>, unknown> | null;
  isCredentialRequired: boolean;
  baseUrl: TBaseUrlRule;
};

export const KIND_SPECS: Record<TProviderKind, TKindSpec> = {
  openai: { settings: ZNoSettings("OpenAI"), credentials: ZApiKeyCredentials("openai"), isCredentialRequired: true, baseUrl: "optional" },
  azure: { settings: ZAzureSettings, credentials: ZApiKeyCredentials("azure"), isCredentialRequired: true, baseUrl: "optional" },
  anthropic: { settings: ZNoSettings("Anthropic"), credentials: ZApiKeyCredentials("anthropic"), isCredentialRequired: true, baseUrl: "optional" },
  google: { settings: ZNoSettings("Google Gemini"), credentials: ZApiKeyCredentials("google"), isCredentialRequired: true, baseUrl: "optional" },
  mistral: { settings: ZNoSettings("Mistral"), credentials: ZApiKeyCredentials("mistral"), isCredentialRequired: true, baseUrl: "optional" },
  bedrock: { settings: ZBedrockSettings, credentials: ZBedrockCredentials, isCredentialRequired: true, baseUrl: "optional" },
  openai_compatible: { settings: ZNoSettings("OpenAI-compatible"), credentials: ZCompatibleCredentials, isCredentialRequired: false, baseUrl: "required" },
  sandbox: { settings: ZSandboxProviderSettings, credentials: null, isCredentialRequired: false, baseUrl: "none" },
};

/** The fields of each credential kind, in the order the form shows them (for masking and the form). */
export const CREDENTIAL_FIELDS: Record<TProviderKind, readonly string[]> = {
  openai: ["apiKey"],
  azure: ["apiKey"],
  anthropic: ["apiKey"],
  google: ["apiKey"],
  mistral: ["apiKey"],
  bedrock: ["accessKeyId", "secretAccessKey", "sessionToken"],
  openai_compatible: ["apiKey"],
  sandbox: [],
};

function baseUrlField(kind: TProviderKind, rule: TBaseUrlRule) {
  if (rule === "none") {
    return z.null({ error: `The ${PROVIDER_KIND_LABELS[kind]} has no base URL: it answers inside Baton.` }).optional();
  }
  if (rule === "required") {
    return z.string({ error: "Enter the server's base URL, such as http://localhost:11434/v1 for Ollama." }).pipe(ZBaseUrl);
  }
  return ZBaseUrl.nullable().optional();
}

function credentialsField(kind: TProviderKind, spec: TKindSpec, isKept: boolean) {
  if (!spec.credentials) return z.null({ error: `The ${PROVIDER_KIND_LABELS[kind]} needs no credentials.` }).optional();
  return spec.isCredentialRequired && !isKept ? spec.credentials : spec.credentials.nullable().optional();
}

/**
 * The whole provider of one kind. `isCredentialKept`: an update that leaves the stored credentials as they are (the
 * field may then be left out even for kinds that require credentials).
 */
export function providerKindSchema<K extends TProviderKind>(kind: K, options: { isCredentialKept?: boolean } = {}) {
  const spec = KIND_SPECS[kind];
  return strictFields(
    {
      kind: z.literal(kind),
      name: ZProviderName,
      isEnabled: z.boolean({ error: "isEnabled is true or false." }).optional(),
      baseUrl: baseUrlField(kind, spec.baseUrl),
      settings: kind === "bedrock" ? spec.settings : spec.settings.optional(),
      credentials: credentialsField(kind, spec, options.isCredentialKept ?? false),
    },
    "a provider",
  ).superRefine((value, ctx) => {
    if (kind !== "azure") return;
    const settings = (value.settings ?? {}) as { resourceName?: string };
    if (!settings.resourceName && !value.baseUrl) {
      ctx.addIssue({
        code: "custom",
        path: ["settings", "resourceName"],
        message: "Enter the Azure resource name (the part before .openai.azure.com), or a base URL.",
      });
    }
  });
}

type TMember = ReturnType<typeof providerKindSchema<TProviderKind>>;
const MEMBERS = PROVIDER_KINDS.map((kind) => providerKindSchema(kind)) as unknown as [TMember, ...TMember[]];

/** A new provider: `{ kind, name, baseUrl?, isEnabled?, settings?, credentials? }`, checked for its kind. */
export const ZProviderCreate = z.discriminatedUnion("kind", MEMBERS, {
  error: (issue) => (issue.code === "invalid_union" ? `Choose the kind of provider: ${KIND_LIST_TEXT}.` : undefined),
});
export type TProviderCreate = z.output<TMember>;

/**
 * A change to a provider (its kind stays): each field given replaces the stored one — `settings` and `credentials`
 * whole; `credentials` left out keeps the stored ones, `null` removes them where the kind allows none. The result is
 * checked against the provider's kind by the server.
 */
export const ZProviderPatch = strictFields(
  {
    name: ZProviderName.optional(),
    baseUrl: ZBaseUrl.nullable().optional(),
    isEnabled: z.boolean({ error: "isEnabled is true or false." }).optional(),
    settings: z.record(z.string(), z.unknown(), { error: "Send the settings as an object." }).optional(),
    credentials: z
      .record(z.string(), z.string({ error: "Each credential is text." }), { error: "Send the credentials as an object, or null to remove them." })
      .nullable()
      .optional(),
  },
  "a provider change (kind cannot be changed: create a new provider instead)",
).refine((patch) => Object.keys(patch).length > 0, "Send at least one field to change: name, baseUrl, isEnabled, settings or credentials.");
export type TProviderPatch = z.output<typeof ZProviderPatch>;

/** Optional body of a connection test: the model to ask for one token when the kind has no model list (Bedrock). */
export const ZProviderTest = strictFields(
  {
    model: z
      .string({ error: "Enter the model id as text." })
      .trim()
      .min(1, "Enter the model id to test with.")
      .max(200, "A model id has at most 200 characters.")
      .optional(),
  },
  "a connection test",
);

/** The endpoint a provider is called at when it sets no base URL; null when it has no default (compatible, Sandbox). */
export function defaultBaseUrl(kind: TProviderKind, settings: Record<string, unknown> | null | undefined): string | null {
  if (kind === "openai" || kind === "anthropic" || kind === "google" || kind === "mistral") return DEFAULT_BASE_URLS[kind];
  const value = (key: string) => (settings && typeof settings[key] === "string" ? (settings[key] as string) : null);
  if (kind === "azure") return value("resourceName") ? `https://${value("resourceName")}.openai.azure.com/openai` : null;
  if (kind === "bedrock") return value("region") ? `https://bedrock-runtime.${value("region")}.amazonaws.com` : null;
  return null;
}

/** A stored secret as the API and the page show it: its last 4 characters when it is long enough to spare them. */
export function maskSecret(secret: string): string {
  return secret.length >= 12 ? `••••${secret.slice(-4)}` : "••••";
}
