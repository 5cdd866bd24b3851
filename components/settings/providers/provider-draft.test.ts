import { describe, expect, it } from "vitest";
import type { TProviderView } from "@/server/providers/providers.shared";
import { bodyOf, draftOf, localIssues } from "./provider-draft";

const stored: TProviderView = {
  id: "p1",
  name: "Bedrock EU",
  kind: "bedrock",
  baseUrl: null,
  defaultBaseUrl: "https://bedrock-runtime.eu-central-1.amazonaws.com",
  isEnabled: true,
  settings: { region: "eu-central-1" },
  credentials: { accessKeyId: "••••MPLE", secretAccessKey: "••••EKEY" },
  credentialsProblem: null,
  hasCredentials: true,
  modelCount: 0,
  createdAt: "2026-12-07T00:00:00.000Z",
  updatedAt: "2026-12-07T00:00:00.000Z",
};

describe("the provider form's body", () => {
  it("adds a provider with the kind's settings and credentials, checked with the API's messages", () => {
    const draft = { ...draftOf(null), kind: "azure" as const, name: "Azure", apiKey: "k" };
    expect(localIssues(draft, null)).toEqual([
      { path: "settings.resourceName", message: "Enter the Azure resource name (the part before .openai.azure.com), or a base URL." },
    ]);
    const ready = { ...draft, resourceName: "acme" };
    expect(localIssues(ready, null)).toEqual([]);
    expect(bodyOf(ready, null)).toEqual({
      kind: "azure",
      name: "Azure",
      baseUrl: null,
      isEnabled: true,
      settings: { resourceName: "acme", apiVersion: "2024-10-21" },
      credentials: { apiKey: "k" },
    });
  });

  it("keeps stored credentials when none are typed, and replaces them whole when some are", () => {
    const draft = draftOf(stored);
    expect(bodyOf(draft, stored)).not.toHaveProperty("credentials");
    expect(localIssues(draft, stored)).toEqual([]);
    const partial = { ...draft, secretAccessKey: "a-new-secret-0123456789" };
    expect(localIssues(partial, stored)).toEqual([{ path: "credentials.accessKeyId", message: "Enter the AWS access key id." }]);
  });

  it("sends no base URL or credentials for the Sandbox, and numbers for its settings", () => {
    const draft = { ...draftOf(null), kind: "sandbox" as const, name: "S", latencyMs: "0", errorRate: "0.5" };
    expect(bodyOf(draft, null)).toEqual({ kind: "sandbox", name: "S", isEnabled: true, settings: { latencyMs: 0, errorRate: 0.5 } });
    expect(localIssues({ ...draft, errorRate: "2" }, null)).toEqual([{ path: "settings.errorRate", message: "The error rate is a share from 0 (never) to 1 (always), such as 0.05." }]);
  });
});
