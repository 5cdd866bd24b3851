// The provider form's state and how it becomes the API's body, for both adding (POST) and editing (PATCH): checked
// with the API's own schema (providerKindSchema), so the form shows the server's messages before sending.
import {
  DEFAULT_AZURE_API_VERSION,
  providerKindSchema,
  type TProviderKind,
} from "@/server/gateway/provider-kinds.shared";
import type { TErrorIssue } from "@/server/errors";
import type { TProviderView } from "@/server/providers/providers.shared";

export type TProviderDraft = {
  kind: TProviderKind;
  name: string;
  baseUrl: string;
  isEnabled: boolean;
  resourceName: string;
  apiVersion: string;
  deployment: string;
  region: string;
  latencyMs: string;
  latencyJitterMs: string;
  errorRate: string;
  errorStatus: string;
  apiKey: string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** Editing an OpenAI-compatible provider: remove the stored key. */
  isKeyRemoved: boolean;
};

export const CREDENTIAL_INPUTS = ["apiKey", "accessKeyId", "secretAccessKey", "sessionToken"] as const;
type TCredentialInput = (typeof CREDENTIAL_INPUTS)[number];

const text = (value: unknown) => (typeof value === "string" || typeof value === "number" ? String(value) : "");

export function draftOf(item: TProviderView | null): TProviderDraft {
  const s = item?.settings ?? {};
  return {
    kind: item?.kind ?? "openai",
    name: item?.name ?? "",
    baseUrl: item?.baseUrl ?? "",
    isEnabled: item?.isEnabled ?? true,
    resourceName: text(s.resourceName),
    apiVersion: text(s.apiVersion) || DEFAULT_AZURE_API_VERSION,
    deployment: text(s.deployment),
    region: text(s.region),
    latencyMs: text(s.latencyMs),
    latencyJitterMs: text(s.latencyJitterMs),
    errorRate: text(s.errorRate),
    errorStatus: text(s.errorStatus),
    apiKey: "",
    accessKeyId: "",
    secretAccessKey: "",
    sessionToken: "",
    isKeyRemoved: false,
  };
}

const CREDENTIALS_OF: Record<TProviderKind, readonly TCredentialInput[]> = {
  openai: ["apiKey"],
  azure: ["apiKey"],
  anthropic: ["apiKey"],
  google: ["apiKey"],
  mistral: ["apiKey"],
  openai_compatible: ["apiKey"],
  bedrock: ["accessKeyId", "secretAccessKey", "sessionToken"],
  sandbox: [],
};

export function credentialInputsOf(kind: TProviderKind): readonly TCredentialInput[] {
  return CREDENTIALS_OF[kind];
}

/** A number typed in a field; empty means "use the default" (left out). */
function numberOf(value: string): number | undefined {
  return value.trim() === "" ? undefined : Number(value);
}

function settingsOf(d: TProviderDraft): Record<string, unknown> {
  const given = (entries: Record<string, unknown>) => Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined && v !== ""));
  if (d.kind === "azure") return given({ resourceName: d.resourceName.trim(), apiVersion: d.apiVersion.trim(), deployment: d.deployment.trim() });
  if (d.kind === "bedrock") return { region: d.region.trim() };
  if (d.kind === "sandbox") {
    return given({ latencyMs: numberOf(d.latencyMs), latencyJitterMs: numberOf(d.latencyJitterMs), errorRate: numberOf(d.errorRate), errorStatus: numberOf(d.errorStatus) });
  }
  return {};
}

/** The credentials to send: undefined keeps the stored ones (editing, nothing typed), null removes them. */
function credentialsOf(d: TProviderDraft, isEdit: boolean): Record<string, string> | null | undefined {
  const inputs = CREDENTIALS_OF[d.kind];
  if (inputs.length === 0) return undefined;
  const typed = Object.fromEntries(inputs.map((k) => [k, d[k].trim()] as const).filter(([, v]) => v !== ""));
  if (isEdit && d.isKeyRemoved) return null;
  if (Object.keys(typed).length > 0) return typed;
  if (isEdit || d.kind === "openai_compatible") return undefined;
  return {};
}

export function bodyOf(d: TProviderDraft, item: TProviderView | null): Record<string, unknown> {
  const credentials = credentialsOf(d, item !== null);
  return {
    ...(item ? {} : { kind: d.kind }),
    name: d.name,
    ...(d.kind === "sandbox" ? {} : { baseUrl: d.baseUrl.trim() || null }),
    isEnabled: d.isEnabled,
    settings: settingsOf(d),
    ...(credentials === undefined ? {} : { credentials }),
  };
}

/** The problems the API would report for this draft, with the same paths and messages. */
export function localIssues(d: TProviderDraft, item: TProviderView | null): TErrorIssue[] {
  const body = bodyOf(d, item);
  const schema = providerKindSchema(d.kind, { isCredentialKept: item !== null && !("credentials" in body) });
  const parsed = schema.safeParse({ ...body, kind: d.kind });
  return parsed.success ? [] : parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
}

/** Which input shows an issue: its path, or a parent path naming a whole group (settings, credentials). */
export const FIELD_PATHS: Record<string, readonly string[]> = {
  name: ["name"],
  baseUrl: ["baseUrl"],
  resourceName: ["settings.resourceName"],
  apiVersion: ["settings.apiVersion"],
  deployment: ["settings.deployment"],
  region: ["settings.region", "settings"],
  latencyMs: ["settings.latencyMs"],
  latencyJitterMs: ["settings.latencyJitterMs"],
  errorRate: ["settings.errorRate"],
  errorStatus: ["settings.errorStatus"],
  apiKey: ["credentials.apiKey", "credentials"],
  accessKeyId: ["credentials.accessKeyId", "credentials"],
  secretAccessKey: ["credentials.secretAccessKey"],
  sessionToken: ["credentials.sessionToken"],
};
