// Settings → Models against a real database: who may change models, what the API refuses (with the field named and
// nothing saved), the price history a change writes, and a delete refused while workflows, routes or budgets use it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDb } from "@/test/db";
import { createRun, seedTwoTeams, type TTwoTeams } from "@/test/fixtures/two-teams";
import type { TPrincipal } from "../auth/permissions";
import { AppError } from "../errors";
import { getModel, listModels } from "../settings/list-models";
import { createModel, deleteModel, updateModel } from "./manage-models";

let t: TTestDb;
let f: TTwoTeams;
let org: TPrincipal;
let providerId: string;
let otherProviderId: string;

beforeAll(async () => {
  t = await createTestDatabase("managemodels");
  f = await seedTwoTeams(t.db);
  org = await f.principal("org@test.local");
  providerId = (await t.db.provider.create({ data: { name: "OpenAI", kind: "openai" } })).id;
  otherProviderId = (await t.db.provider.create({ data: { name: "Gateway", kind: "openai_compatible", baseUrl: "http://127.0.0.1:9/v1" } })).id;
});
afterAll(async () => t?.drop());

const base = () => ({
  providerId,
  name: "gpt-test",
  displayName: "GPT test",
  inputPricePerMTok: "2.5",
  outputPricePerMTok: "10",
  contextWindow: 128_000,
});
const audits = (action: string) => t.db.auditEvent.findMany({ where: { action }, orderBy: { seq: "asc" } });
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as AppError,
  );

describe("model CRUD", () => {
  it("refuses bad input with 400s that name the field, and saves nothing", async () => {
    const cases: [unknown, string, string | RegExp][] = [
      [{ ...base(), inputPricePerMTok: "-1" }, "inputPricePerMTok", "The input price cannot be negative."],
      [{ ...base(), outputPricePerMTok: -0.5 }, "outputPricePerMTok", "The output price cannot be negative."],
      [{ ...base(), inputPricePerMTok: "250000" }, "inputPricePerMTok", /at most \$10,000 per million tokens: \$250000 looks like a typo/],
      [{ ...base(), cachedInputPricePerMTok: "1e3" }, "cachedInputPricePerMTok", /cached-input price as a number/],
      [{ ...base(), inputPricePerMTok: "$2.50" }, "inputPricePerMTok", /no currency sign/],
      [{ ...base(), inputPricePerMTok: "0.1234567" }, "inputPricePerMTok", "The input price has at most 6 decimals, e.g. 0.075."],
      [{ ...base(), inputPricePerMTok: "" }, "inputPricePerMTok", /Enter the input price/],
      [{ ...base(), contextWindow: 128_000.5 }, "contextWindow", "The context window is a whole number of tokens, e.g. 128000."],
      [{ ...base(), contextWindow: "128k" }, "contextWindow", "The context window is a whole number of tokens, e.g. 128000."],
      [{ ...base(), contextWindow: 0 }, "contextWindow", "The context window must be at least 1 token."],
      [{ ...base(), maxOutputTokens: 1.5 }, "maxOutputTokens", "The max output is a whole number of tokens, e.g. 16384."],
      [{ ...base(), maxOutputTokens: 200_000 }, "maxOutputTokens", "The max output (200,000 tokens) cannot exceed the context window (128,000)."],
      [{ ...base(), capabilities: ["tools", "telepathy"] }, "capabilities.1", /^Unknown capability "telepathy": use chat, json_mode, json_schema, tools, vision, reasoning, embeddings, streaming\.$/],
      [{ ...base(), capabilities: ["tools", "tools"] }, "capabilities.1", 'The capability "tools" is listed twice.'],
      [{ ...base(), tags: ["eu", "EU"] }, "tags.1", 'The tag "EU" is listed twice.'],
      [{ ...base(), tags: ["a,b"] }, "tags.0", /no commas/],
      [{ ...base(), name: "gpt 4o" }, "name", /without spaces/],
      [{ ...base(), name: "  " }, "name", /Enter the provider's model id/],
      [{ ...base(), displayName: "" }, "displayName", /Give the model a display name/],
      [{ ...base(), region: "eu west" }, "region", /one word/],
      [{ ...base(), providerId: "no-such-provider" }, "providerId", "No provider has the id no-such-provider."],
      [{ ...base(), isEnabled: "yes" }, "isEnabled", "isEnabled is true or false."],
    ];
    for (const [input, path, message] of cases) {
      const error = await refusal(createModel(t.db, org, input));
      expect(error, JSON.stringify(input)).toBeInstanceOf(AppError);
      expect(error!.status, JSON.stringify(input)).toBe(400);
      const found = error!.issues.find((i) => i.path === path)?.message ?? "";
      const why = `${path} of ${JSON.stringify(input)}: ${JSON.stringify(error!.issues)}`;
      if (typeof message === "string") expect(found, why).toBe(message);
      else expect(found, why).toMatch(message);
    }
    expect(await t.db.model.count()).toBe(0);
    expect(await t.db.modelPrice.count()).toBe(0);
    expect(await audits("model.created")).toEqual([]);
  });

  it("lets only the organisation admin manage models", async () => {
    const teamAdmin = await f.principal("admin-b@test.local");
    expect((await refusal(createModel(t.db, teamAdmin, base())))?.status).toBe(403);
    expect((await refusal(listModels(t.db, teamAdmin)))?.status).toBe(403);
    expect(await t.db.model.count()).toBe(0);
  });

  it("adds a model with its first price, audited; a duplicate id on the same provider is a 409", async () => {
    const created = await createModel(t.db, org, {
      ...base(),
      name: " gpt-audit ",
      cachedInputPricePerMTok: 1.25,
      maxOutputTokens: 16_384,
      capabilities: ["chat", "tools", "vision"],
      region: "eu",
      tags: ["approved", " eu-only "],
    });
    expect(created).toMatchObject({
      name: "gpt-audit",
      providerName: "OpenAI",
      inputPricePerMTok: "2.5",
      outputPricePerMTok: "10",
      cachedInputPricePerMTok: "1.25",
      contextWindow: 128_000,
      maxOutputTokens: 16_384,
      capabilities: ["chat", "tools", "vision"],
      region: "eu",
      tags: ["approved", "eu-only"],
      isEnabled: true,
    });
    expect(created.prices).toEqual([
      {
        inputPricePerMTok: "2.5",
        outputPricePerMTok: "10",
        cachedInputPricePerMTok: "1.25",
        validFrom: expect.any(String),
        createdByName: "org",
      },
    ]);
    const [event] = await audits("model.created");
    expect(event).toMatchObject({ resourceType: "model", resourceId: created.id, actorId: org.id, teamId: null });
    expect(event!.data).toMatchObject({ before: null, after: { name: "gpt-audit", provider: "OpenAI", inputPricePerMTok: "2.5", cachedInputPricePerMTok: "1.25" } });

    const duplicate = await refusal(createModel(t.db, org, { ...base(), name: "gpt-audit" }));
    expect(duplicate?.status).toBe(409);
    expect(duplicate?.message).toBe('The provider "OpenAI" already has a model with the id "gpt-audit". Edit that model instead.');
    // The same id on another provider is another model.
    const elsewhere = await createModel(t.db, org, { ...base(), providerId: otherProviderId, name: "gpt-audit" });
    expect(elsewhere.providerName).toBe("Gateway");
    expect(await t.db.model.count({ where: { name: "gpt-audit" } })).toBe(2);
    expect(await audits("model.created")).toHaveLength(2);
  });

  it("edits fields; a price change adds a price row from now, other changes do not, and nothing half-saves", async () => {
    const model = await createModel(t.db, org, { ...base(), name: "gpt-edit" });
    const renamed = await updateModel(t.db, org, model.id, { displayName: "GPT edit", tags: ["beta"] });
    expect(renamed).toMatchObject({ displayName: "GPT edit", tags: ["beta"], inputPricePerMTok: "2.5" });
    expect(renamed.prices).toHaveLength(1);

    const before = Date.now();
    const repriced = await updateModel(t.db, org, model.id, { inputPricePerMTok: "3", cachedInputPricePerMTok: "0.3" });
    expect(repriced).toMatchObject({ inputPricePerMTok: "3", outputPricePerMTok: "10", cachedInputPricePerMTok: "0.3" });
    expect(repriced.prices.map((p) => [p.inputPricePerMTok, p.outputPricePerMTok, p.cachedInputPricePerMTok])).toEqual([
      ["3", "10", "0.3"],
      ["2.5", "10", null],
    ]);
    expect(Date.parse(repriced.prices[0]!.validFrom)).toBeGreaterThanOrEqual(before - 1000);
    // The same price again is no change: no row, no audit event.
    const audited = (await audits("model.updated")).length;
    await updateModel(t.db, org, model.id, { inputPricePerMTok: "3.000" });
    expect((await getModel(t.db, org, model.id)).prices).toHaveLength(2);
    expect(await audits("model.updated")).toHaveLength(audited);

    const [event] = (await audits("model.updated")).slice(-1);
    expect(event!.data).toMatchObject({ before: { inputPricePerMTok: "2.5", cachedInputPricePerMTok: null }, after: { inputPricePerMTok: "3", cachedInputPricePerMTok: "0.3" } });

    // Invalid changes: each refused whole, the model as it was.
    const cases: [unknown, string, number, string | RegExp][] = [
      [{ outputPricePerMTok: "-2", displayName: "Changed" }, "outputPricePerMTok", 400, "The output price cannot be negative."],
      [{ maxOutputTokens: 200_000 }, "maxOutputTokens", 400, "The max output (200,000 tokens) cannot exceed the context window (128,000)."],
      [{ providerId: otherProviderId }, "", 400, /A model's provider cannot change/],
      [{}, "", 400, "Send at least one field to change."],
    ];
    for (const [patch, path, status, message] of cases) {
      const error = await refusal(updateModel(t.db, org, model.id, patch));
      expect(error?.status, JSON.stringify(patch)).toBe(status);
      const found = error!.issues.find((i) => i.path === path)?.message ?? "";
      if (typeof message === "string") expect(found, JSON.stringify(error!.issues)).toBe(message);
      else expect(found, JSON.stringify(error!.issues)).toMatch(message);
    }
    await createModel(t.db, org, { ...base(), name: "gpt-taken" });
    const clash = await refusal(updateModel(t.db, org, model.id, { name: "gpt-taken", inputPricePerMTok: "9" }));
    expect(clash?.status).toBe(409);
    const after = await getModel(t.db, org, model.id);
    expect(after).toMatchObject({ name: "gpt-edit", displayName: "GPT edit", inputPricePerMTok: "3", outputPricePerMTok: "10" });
    expect(after.prices).toHaveLength(2);
    expect((await refusal(updateModel(t.db, org, "no-such-model", { isEnabled: false })))?.status).toBe(404);
    // An id from a URL that cannot be an id (a NUL byte would fail in Postgres) is simply not found.
    expect((await refusal(updateModel(t.db, org, "x\u0000y", { isEnabled: false })))?.status).toBe(404);
    expect((await refusal(deleteModel(t.db, org, "x\u0000y")))?.status).toBe(404);
    expect((await refusal(getModel(t.db, org, "x\u0000y")))?.status).toBe(404);
  });

  it("disables and enables a model, audited", async () => {
    const model = await createModel(t.db, org, { ...base(), name: "gpt-toggle" });
    expect((await updateModel(t.db, org, model.id, { isEnabled: false })).isEnabled).toBe(false);
    expect((await updateModel(t.db, org, model.id, { isEnabled: true })).isEnabled).toBe(true);
    const events = (await audits("model.updated")).filter((e) => e.resourceId === model.id);
    expect(events.map((e) => (e.data as { after: { isEnabled: boolean } }).after.isEnabled)).toEqual([false, true]);
  });
});

describe("deleting a model", () => {
  it("is refused with a 409 listing the workflows, routes and budgets that use it; deletes it once unused", async () => {
    const model = await createModel(t.db, org, { ...base(), name: "gpt-used" });
    const node = (id: string, modelId: string) => ({
      id,
      type: "ai.llm",
      typeVersion: 1,
      position: { x: 0, y: 0 },
      config: { model: { kind: "model", modelId }, prompt: "hi" },
    });
    const graph = (modelId: string) => ({ nodes: [node("summarise", modelId)], edges: [] });
    // Workflow A names it in its draft only; workflow B in its published version only.
    await t.db.workflow.update({ where: { id: f.workflowA }, data: { draftGraph: graph(model.id) } });
    await t.db.workflowVersion.update({ where: { id: f.versionB }, data: { graph: graph(model.id) } });
    // Workflow A also has a run still waiting on an older version that names it; a finished run's version does not count.
    const older = await t.db.workflowVersion.create({ data: { workflowId: f.workflowA, number: 2, graph: graph(model.id) } });
    await createRun(t.db, f.teamA, f.workflowA, older.id, { status: "WAITING" });
    const ended = await t.db.workflowVersion.create({ data: { workflowId: f.workflowB, number: 1, graph: graph(model.id) } });
    await createRun(t.db, f.teamB, f.workflowB, ended.id, { status: "SUCCEEDED" });
    const route = await t.db.route.create({ data: { name: "cheap", strategy: "fallback", targets: [{ modelId: model.id }] } });
    const budget = await t.db.budget.create({
      data: { name: "Team A cap", scope: "team", teamId: f.teamA, period: "month", amountUsd: "10", onExceeded: "downgrade", downgradeTo: "gpt-used" },
    });

    const error = await refusal(deleteModel(t.db, org, model.id));
    expect(error?.status).toBe(409);
    expect(error?.message).toBe(
      'The model "GPT test" (gpt-used) is in use, so it cannot be deleted: 2 workflows, 1 route and 1 budget use it. Change them first, or disable the model instead.',
    );
    expect(error?.details?.usedBy).toEqual([
      {
        kind: "workflow",
        id: f.workflowA,
        name: expect.any(String),
        detail: 'team Alpha, the draft (node "summarise") and version 2, which runs in progress use (node "summarise")',
      },
      { kind: "workflow", id: f.workflowB, name: expect.any(String), detail: 'team Beta, the published version 3 (node "summarise")' },
      { kind: "route", id: route.id, name: "cheap", detail: "one of its targets" },
      { kind: "budget", id: budget.id, name: "Team A cap", detail: "downgrades calls to it" },
    ]);
    expect(await t.db.model.count({ where: { id: model.id } })).toBe(1);

    // Another model of the same name keeps the budget's downgrade working: it no longer counts as a use.
    await createModel(t.db, org, { ...base(), providerId: otherProviderId, name: "gpt-used" });
    await t.db.workflow.update({ where: { id: f.workflowA }, data: { draftGraph: { nodes: [], edges: [] } } });
    await t.db.workflowVersion.update({ where: { id: f.versionB }, data: { graph: { nodes: [], edges: [] } } });
    await t.db.route.delete({ where: { id: route.id } });
    await t.db.run.updateMany({ where: { workflowVersionId: older.id }, data: { status: "CANCELLED" } });
    await deleteModel(t.db, org, model.id);
    expect(await t.db.model.count({ where: { id: model.id } })).toBe(0);
    expect(await t.db.modelPrice.count({ where: { modelId: model.id } })).toBe(0);
    const [event] = await audits("model.deleted");
    expect(event).toMatchObject({ resourceId: model.id, actorId: org.id });
    expect(event!.data).toMatchObject({ before: { name: "gpt-used", inputPricePerMTok: "2.5" }, after: null });
    expect((await refusal(deleteModel(t.db, org, model.id)))?.status).toBe(404);
  });
});
