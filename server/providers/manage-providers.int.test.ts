// Settings → Providers against a real database: every kind created with its fields checked exactly, private base URLs
// refused when saved, credentials never returned (masked) nor audited in clear, deletion refused while in use, and
// the connection test in words against a loopback stub.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDb } from "@/test/db";
import { seedTwoTeams, type TTwoTeams } from "@/test/fixtures/two-teams";
import { startHttpStub, type THttpStub } from "@/test/http-stub";
import { allowPrivateNetworks, setOutboundSettings } from "@/test/outbound-settings";
import type { TPrincipal } from "../auth/permissions";
import { AppError } from "../errors";
import { createProvider, deleteProvider, getProvider, listProviders, updateProvider } from "./manage-providers";
import { testProvider } from "./test-provider";

let t: TTestDb;
let f: TTwoTeams;
let admin: TPrincipal;
let stub: THttpStub;

const OPENAI_KEY = "sk-proj-abcdefghijklmnop1234";
const BEDROCK = { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" };
const SECRETS = [OPENAI_KEY, BEDROCK.secretAccessKey, "sk-ant-api03-secretsecret", "AIzaSyA-secret-gemini", "mistral-secret-key-0001", "azure-secret-key-0002", "sk-replaced-key-9876"];

beforeAll(async () => {
  [t, stub] = await Promise.all([createTestDatabase("providers"), startHttpStub()]);
  f = await seedTwoTeams(t.db);
  admin = await f.principal("org@test.local");
});
afterAll(async () => {
  await stub?.close();
  await t?.drop();
});
beforeEach(async () => {
  stub.calls.length = 0;
  await setOutboundSettings(t.db, { allowPrivateNetworks: false, allowedHosts: [] });
});

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const issuesOf = (e: AppError) => e.issues.map((i) => [i.path, i.message]);
const counts = async () => ({ providers: await t.db.provider.count(), audits: await t.db.auditEvent.count({ where: { action: { startsWith: "provider." } } }) });

function expectNoSecret(value: unknown): void {
  const text = JSON.stringify(value);
  for (const secret of SECRETS) expect(text).not.toContain(secret);
}

describe("creating a provider", () => {
  it("refuses bad input per kind with exact messages, and saves nothing", async () => {
    const before = await counts();
    const cases: [unknown, [string, string][]][] = [
      [{ name: "X" }, [["kind", "Choose the kind of provider: openai, azure, anthropic, google, mistral, bedrock, openai_compatible or sandbox."]]],
      [{ kind: "openai", name: " " }, [["name", "Give the provider a name."], ["credentials", "Enter the OpenAI API key."]]],
      [{ kind: "openai", name: "O", credentials: { apiKey: "sk bad" } }, [["credentials.apiKey", "An API key has no spaces or line breaks."]]],
      [{ kind: "openai", name: "O", baseUrl: "ftp://example.com", credentials: { apiKey: "k" } }, [["baseUrl", "Enter an http:// or https:// URL, such as https://api.example.com/v1."]]],
      [{ kind: "openai", name: "O", baseUrl: "https://user:pw@example.com/v1", credentials: { apiKey: "k" } }, [["baseUrl", "Leave credentials out of the URL: enter the key in its own field."]]],
      [{ kind: "anthropic", name: "A", credentials: {} }, [["credentials.apiKey", "Enter the Anthropic API key."]]],
      [{ kind: "google", name: "G", credentials: { apiKey: "k", token: "t" } }, [["credentials", '"token" is not a field of Google Gemini credentials.']]],
      [{ kind: "mistral", name: "M", settings: { region: "eu" }, credentials: { apiKey: "k" } }, [["settings", '"region" is not a field of Mistral settings (it has none).']]],
      [{ kind: "azure", name: "Az", credentials: { apiKey: "k" } }, [["settings.resourceName", "Enter the Azure resource name (the part before .openai.azure.com), or a base URL."]]],
      [
        { kind: "azure", name: "Az", settings: { resourceName: "acme", apiVersion: "latest", deployment: "a b" }, credentials: { apiKey: "k" } },
        [
          ["settings.apiVersion", "Enter an Azure API version such as 2024-10-21 (YYYY-MM-DD, optionally ending in -preview)."],
          ["settings.deployment", "Enter the deployment name: up to 64 letters, digits, dots, hyphens and underscores."],
        ],
      ],
      [
        { kind: "bedrock", name: "B", credentials: { accessKeyId: "akia", secretAccessKey: "short" } },
        [
          ["settings", "Enter the AWS region, such as us-east-1."],
          ["credentials.accessKeyId", "An AWS access key id is 16 to 128 capital letters and digits, such as AKIAIOSFODNN7EXAMPLE."],
          ["credentials.secretAccessKey", "An AWS secret access key has at least 16 characters."],
        ],
      ],
      [{ kind: "bedrock", name: "B", settings: { region: "Mars-1" }, credentials: BEDROCK }, [["settings.region", "Enter an AWS region such as us-east-1 or eu-central-1."]]],
      [{ kind: "openai_compatible", name: "C" }, [["baseUrl", "Enter the server's base URL, such as http://localhost:11434/v1 for Ollama."]]],
      [{ kind: "sandbox", name: "S", baseUrl: "http://example.com", credentials: { apiKey: "k" } }, [
        ["baseUrl", "The Sandbox (simulated) has no base URL: it answers inside Baton."],
        ["credentials", "The Sandbox (simulated) needs no credentials."],
      ]],
      [{ kind: "sandbox", name: "S", settings: { errorRate: 2 } }, [["settings.errorRate", "The error rate is a share from 0 (never) to 1 (always), such as 0.05."]]],
      [{ kind: "openai", name: "O", credentials: { apiKey: "k" }, owner: "me" }, [["", '"owner" is not a field of a provider.']]],
    ];
    for (const [body, issues] of cases) {
      const error = await refusal(createProvider(t.db, admin, body));
      expect([error.status, issuesOf(error)], JSON.stringify(body)).toEqual([400, issues]);
    }
    expect(await counts()).toEqual(before);
  });

  it("creates every kind, returning credentials masked and never in clear", async () => {
    const bodies = [
      { kind: "openai", name: "OpenAI prod", credentials: { apiKey: OPENAI_KEY } },
      { kind: "azure", name: "Azure EU", settings: { resourceName: "acme-eu", deployment: "gpt4o-prod" }, credentials: { apiKey: "azure-secret-key-0002" } },
      { kind: "anthropic", name: "Claude", credentials: { apiKey: "sk-ant-api03-secretsecret" } },
      { kind: "google", name: "Gemini", credentials: { apiKey: "AIzaSyA-secret-gemini" } },
      // A public address literal: checked when saved without a DNS lookup (these tests run offline).
      { kind: "mistral", name: "Mistral", baseUrl: "https://1.1.1.1/mistral/v1/", credentials: { apiKey: "mistral-secret-key-0001" } },
      { kind: "bedrock", name: "Bedrock", settings: { region: "eu-central-1" }, credentials: BEDROCK },
      { kind: "sandbox", name: "Sandbox 2", settings: { latencyMs: 0 }, isEnabled: false },
    ];
    const views = [];
    for (const body of bodies) views.push(await createProvider(t.db, admin, body));
    expectNoSecret(views);
    expect(views.map((v) => [v.kind, v.credentials, v.baseUrl ?? v.defaultBaseUrl])).toEqual([
      ["openai", { apiKey: "••••1234" }, "https://api.openai.com/v1"],
      ["azure", { apiKey: "••••0002" }, "https://acme-eu.openai.azure.com/openai"],
      ["anthropic", { apiKey: "••••cret" }, "https://api.anthropic.com/v1"],
      ["google", { apiKey: "••••mini" }, "https://generativelanguage.googleapis.com/v1beta"],
      ["mistral", { apiKey: "••••0001" }, "https://1.1.1.1/mistral/v1"],
      ["bedrock", { accessKeyId: "••••MPLE", secretAccessKey: "••••EKEY" }, "https://bedrock-runtime.eu-central-1.amazonaws.com"],
      ["sandbox", null, null],
    ]);
    expect(views[1]?.settings).toEqual({ resourceName: "acme-eu", apiVersion: "2024-10-21", deployment: "gpt4o-prod" });
    expect(views[6]).toMatchObject({ isEnabled: false, settings: { latencyMs: 0, errorRate: 0 } });
    const stored = await t.db.provider.findUniqueOrThrow({ where: { id: views[0]!.id } });
    expect(stored.encryptedCredentials).not.toContain(OPENAI_KEY);
    expectNoSecret(await listProviders(t.db, admin));
    expectNoSecret(await getProvider(t.db, admin, views[5]!.id));
  });

  it("refuses a name already taken (409) and people who are not organisation admins (403)", async () => {
    await createProvider(t.db, admin, { kind: "openai_compatible", name: "Taken", baseUrl: "https://1.1.1.1/v1" });
    const taken = await refusal(createProvider(t.db, admin, { kind: "sandbox", name: "Taken" }));
    expect([taken.status, issuesOf(taken)]).toEqual([409, [["name", 'A provider named "Taken" already exists.']]]);
    const teamAdmin = await f.principal("admin-b@test.local");
    expect((await refusal(listProviders(t.db, teamAdmin))).status).toBe(403);
    expect((await refusal(createProvider(t.db, teamAdmin, { kind: "sandbox", name: "Nope" }))).status).toBe(403);
  });
});

describe("base URLs are checked when saved", () => {
  it("refuses a private or unresolvable base URL with the exact problem, unless private networks are allowed", async () => {
    const body = (baseUrl: string) => ({ kind: "openai_compatible", name: `Local ${baseUrl}`, baseUrl });
    const loopback = await refusal(createProvider(t.db, admin, body("http://127.0.0.1:11434/v1")));
    expect(issuesOf(loopback)).toEqual([["baseUrl", "Requests to private network addresses are blocked (127.0.0.1). An admin can allow them in Settings."]]);
    const internal = await refusal(createProvider(t.db, admin, body("http://10.1.2.3/v1")));
    expect(issuesOf(internal)).toEqual([["baseUrl", "Requests to private network addresses are blocked (10.1.2.3). An admin can allow them in Settings."]]);
    const metadata = await refusal(createProvider(t.db, admin, body("http://169.254.169.254/v1")));
    expect(issuesOf(metadata)).toEqual([["baseUrl", "Requests to cloud metadata addresses are always blocked (169.254.169.254)."]]);
    const nowhere = await refusal(createProvider(t.db, admin, body("https://llm.invalid/v1")));
    expect(issuesOf(nowhere)).toEqual([["baseUrl", "Could not resolve host llm.invalid (ENOTFOUND)."]]);
    expect(await t.db.provider.count({ where: { name: { startsWith: "Local " } } })).toBe(0);

    await allowPrivateNetworks(t.db);
    const created = await createProvider(t.db, admin, body("http://127.0.0.1:11434/v1"));
    expect(created.baseUrl).toBe("http://127.0.0.1:11434/v1");
    await setOutboundSettings(t.db, { allowPrivateNetworks: false, allowedHosts: [] });
    const moved = await refusal(updateProvider(t.db, admin, created.id, { baseUrl: "http://192.168.1.20:8000/v1" }));
    expect(issuesOf(moved)).toEqual([["baseUrl", "Requests to private network addresses are blocked (192.168.1.20). An admin can allow them in Settings."]]);
    // A change that leaves the base URL as it is does not check it again.
    expect((await updateProvider(t.db, admin, created.id, { isEnabled: false })).isEnabled).toBe(false);
  });
});

describe("changing a provider", () => {
  it("keeps credentials left out, replaces them whole when given, removes them where the kind allows", async () => {
    const created = await createProvider(t.db, admin, { kind: "openai", name: "Rotate me", credentials: { apiKey: OPENAI_KEY } });
    const renamed = await updateProvider(t.db, admin, created.id, { name: "Rotated" });
    expect(renamed).toMatchObject({ name: "Rotated", credentials: { apiKey: "••••1234" } });
    const replaced = await updateProvider(t.db, admin, created.id, { credentials: { apiKey: "sk-replaced-key-9876" } });
    expect(replaced.credentials).toEqual({ apiKey: "••••9876" });
    expectNoSecret([renamed, replaced]);
    const removed = await refusal(updateProvider(t.db, admin, created.id, { credentials: null }));
    expect(issuesOf(removed)).toEqual([["credentials", "Enter the OpenAI API key."]]);
    const kind = await refusal(updateProvider(t.db, admin, created.id, { kind: "anthropic" }));
    expect(issuesOf(kind)[0]).toEqual(["", '"kind" is not a field of a provider change (kind cannot be changed: create a new provider instead).']);

    const compatible = await createProvider(t.db, admin, { kind: "openai_compatible", name: "Keyless", baseUrl: "https://1.1.1.1/v1", credentials: { apiKey: "sk-replaced-key-9876" } });
    const cleared = await updateProvider(t.db, admin, compatible.id, { credentials: null });
    expect(cleared).toMatchObject({ credentials: null, hasCredentials: false });
    expect((await refusal(updateProvider(t.db, admin, compatible.id, { baseUrl: null }))).issues).toEqual([
      { path: "baseUrl", message: "Enter the server's base URL, such as http://localhost:11434/v1 for Ollama." },
    ]);
    expect((await refusal(updateProvider(t.db, admin, "nope", { name: "x" }))).status).toBe(404);
  });

  it("audits every change with before and after, secrets masked", async () => {
    const created = await createProvider(t.db, admin, { kind: "openai", name: "Audited", credentials: { apiKey: OPENAI_KEY } });
    await updateProvider(t.db, admin, created.id, { credentials: { apiKey: "sk-replaced-key-9876" }, isEnabled: false });
    await deleteProvider(t.db, admin, created.id);
    const events = await t.db.auditEvent.findMany({ where: { resourceId: created.id }, orderBy: { seq: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["provider.created", "provider.updated", "provider.deleted"]);
    expect(events[1]?.data).toMatchObject({
      before: { name: "Audited", isEnabled: true, credentials: { apiKey: "••••1234" } },
      after: { name: "Audited", isEnabled: false, credentials: { apiKey: "••••9876" } },
      isCredentialReplaced: true,
    });
    expect(events[0]).toMatchObject({ actorId: admin.id, data: { before: null } });
    const all = await t.db.auditEvent.findMany({ where: { action: { startsWith: "provider." } }, select: { data: true } });
    expect(all.length).toBeGreaterThan(3);
    expectNoSecret(all);
  });
});

describe("deleting a provider", () => {
  it("is refused (409) with what uses it, and allowed once nothing does", async () => {
    const provider = await createProvider(t.db, admin, { kind: "anthropic", name: "In use", credentials: { apiKey: "sk-ant-api03-secretsecret" } });
    const model = await t.db.model.create({
      data: { providerId: provider.id, name: "claude-in-use", displayName: "Claude", inputPricePerMTok: "3", outputPricePerMTok: "15", contextWindow: 200_000 },
    });
    await t.db.route.create({ data: { name: "support-route", strategy: "fallback", targets: [{ modelId: model.id }] } });
    const node = (id: string, ref: Record<string, unknown>) => ({ id, type: "ai.llm", typeVersion: 1, position: { x: 0, y: 0 }, config: { model: ref, prompt: "Hi" } });
    const trigger = { id: "t", type: "trigger.manual", typeVersion: 1, position: { x: 0, y: 0 }, config: {} };
    await t.db.workflow.update({
      where: { id: f.workflowA },
      data: { draftGraph: { nodes: [trigger, node("summarise", { kind: "model", modelId: model.id })], edges: [] } },
    });
    await t.db.workflowVersion.update({
      where: { id: f.versionB },
      data: { graph: { nodes: [trigger, node("triage", { kind: "route", routeName: "support-route" })], edges: [] } },
    });
    const error = await refusal(deleteProvider(t.db, admin, provider.id));
    expect(error.status).toBe(409);
    expect(error.message).toBe(
      'Provider "In use" is in use: 1 model (claude-in-use), 1 route (support-route) and 2 workflow nodes (Alpha triage → summarise (draft), Beta secret pipeline → triage (v3)). Remove those first, or disable the provider instead.',
    );
    expect(error.details?.usage).toEqual({
      models: [{ id: model.id, name: "claude-in-use" }],
      routes: [{ name: "support-route" }],
      workflowNodes: [
        { workflowId: f.workflowA, workflowName: "Alpha triage", nodeId: "summarise", version: "draft" },
        { workflowId: f.workflowB, workflowName: "Beta secret pipeline", nodeId: "triage", version: 3 },
      ],
    });
    expect(await t.db.provider.count({ where: { id: provider.id } })).toBe(1);

    await t.db.route.delete({ where: { name: "support-route" } });
    await t.db.model.delete({ where: { id: model.id } });
    await deleteProvider(t.db, admin, provider.id);
    expect(await t.db.provider.count({ where: { id: provider.id } })).toBe(0);
  });
});

describe("testing the connection", () => {
  it("lists the models with the stored key and says so in words; a refused key in the provider's words", async () => {
    await allowPrivateNetworks(t.db);
    stub.route("/v1/models", (call) =>
      call.headers.authorization === `Bearer ${OPENAI_KEY}`
        ? { json: { object: "list", data: [{ id: "gpt-4o" }, { id: "gpt-4o-mini" }] } }
        : { status: 401, json: { error: { message: "Incorrect API key provided: sk-repl*****9876.", type: "invalid_request_error", code: "invalid_api_key" } } },
    );
    const host = new URL(stub.url).host;
    const provider = await createProvider(t.db, admin, { kind: "openai", name: "Tested", baseUrl: `${stub.url}/v1`, credentials: { apiKey: OPENAI_KEY } });
    expect(await testProvider(t.db, admin, provider.id, {})).toMatchObject({ isOk: true, message: `Connected to ${host}: 2 models available.` });
    expect(stub.calls[0]).toMatchObject({ method: "GET", path: "/v1/models" });

    await updateProvider(t.db, admin, provider.id, { credentials: { apiKey: "sk-replaced-key-9876" } });
    expect(await testProvider(t.db, admin, provider.id, {})).toMatchObject({
      isOk: false,
      message: `${host} refused the credentials (HTTP 401): Incorrect API key provided: sk-repl*****9876.`,
    });

    await setOutboundSettings(t.db, { allowPrivateNetworks: false, allowedHosts: [] });
    expect(await testProvider(t.db, admin, provider.id, {})).toMatchObject({
      isOk: false,
      message: "Requests to private network addresses are blocked (127.0.0.1). An admin can allow them in Settings.",
    });
  });

  it("uses each vendor's own list request, says when a server cannot be reached, and needs a model for Bedrock", async () => {
    await allowPrivateNetworks(t.db);
    stub.route("/v1beta/models", () => ({ json: { models: [{ name: "models/gemini-2.0-flash" }] } }));
    const gemini = await createProvider(t.db, admin, { kind: "google", name: "Gemini test", baseUrl: `${stub.url}/v1beta`, credentials: { apiKey: "AIzaSyA-secret-gemini" } });
    expect((await testProvider(t.db, admin, gemini.id, {})).message).toBe(`Connected to ${new URL(stub.url).host}: 1 model available.`);
    expect(stub.calls[0]?.headers["x-goog-api-key"]).toBe("AIzaSyA-secret-gemini");

    const down = await createProvider(t.db, admin, { kind: "openai_compatible", name: "Down", baseUrl: "http://127.0.0.1:1/v1" });
    expect((await testProvider(t.db, admin, down.id, {})).message).toMatch(/^Cannot reach 127\.0\.0\.1:1: connect ECONNREFUSED 127\.0\.0\.1:1/);

    const bedrock = await createProvider(t.db, admin, { kind: "bedrock", name: "Bedrock test", settings: { region: "us-east-1" }, credentials: BEDROCK });
    const noModel = await refusal(testProvider(t.db, admin, bedrock.id, {}));
    expect(issuesOf(noModel)).toEqual([["model", "AWS Bedrock has no model list to test with: enter a model id, such as anthropic.claude-3-haiku-20240307-v1:0."]]);

    const sandbox = await createProvider(t.db, admin, { kind: "sandbox", name: "Sandbox test" });
    expect(await testProvider(t.db, admin, sandbox.id, {})).toMatchObject({ isOk: true, message: "The Sandbox answers inside Baton: there is nothing to connect to." });
  });
});
