// Isomorphic: a model provider as the API and Settings → Providers show it. Credentials never leave the server: each
// stored field is shown masked (`••••1234`).
import type { TProviderKind } from "../gateway/provider-kinds.shared";

export type TProviderView = {
  id: string;
  name: string;
  kind: TProviderKind;
  /** The stored override; null when the provider uses its kind's default endpoint. */
  baseUrl: string | null;
  /** Where it is called when `baseUrl` is null (null: the kind has no default, or a setting it needs is missing). */
  defaultBaseUrl: string | null;
  isEnabled: boolean;
  /** The kind's non-secret settings (Azure's resource, API version and deployment; Bedrock's region; the Sandbox's). */
  settings: Record<string, unknown>;
  /** Each stored credential field, masked; null when none are stored. */
  credentials: Record<string, string> | null;
  /** Why the stored credentials cannot be read (e.g. BATON_SECRET_KEY changed), or null. */
  credentialsProblem: string | null;
  hasCredentials: boolean;
  modelCount: number;
  createdAt: string;
  updatedAt: string;
};

/** What refers to a provider: its models, the routes through them, and workflow nodes that call them. */
export type TProviderUsage = {
  models: { id: string; name: string }[];
  routes: { name: string }[];
  /** `version`: "draft", or the published version's number. */
  workflowNodes: { workflowId: string; workflowName: string; nodeId: string; version: "draft" | number }[];
};

/** The outcome of a connection test, in words. */
export type TConnectionTest = { isOk: boolean; message: string; latencyMs: number };
