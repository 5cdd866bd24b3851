import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDb } from "@/test/db";
import type { TDb } from "../db/client";
import { validateWorkflow } from "./validate-workflow";
import { edge, node, type TRawGraph } from "./validate-graph-test-graphs";

let t: TTestDb;
let ids: Awaited<ReturnType<typeof seed>>;

async function workflow(db: TDb, teamId: string, name: string, state: "published" | "draft" | "archived") {
  const wf = await db.workflow.create({
    data: {
      teamId,
      name,
      status: state === "draft" ? "draft" : state,
      draftGraph: { nodes: [], edges: [] },
      webhookSecret: `s-${name}`,
    },
  });
  if (state === "draft") return wf.id;
  const version = await db.workflowVersion.create({
    data: { workflowId: wf.id, number: 1, graph: { nodes: [], edges: [] } },
  });
  await db.workflow.update({ where: { id: wf.id }, data: { publishedVersionId: version.id } });
  return wf.id;
}

async function seed(db: TDb) {
  const a = await db.team.create({ data: { slug: "vw-a", name: "A" } });
  const b = await db.team.create({ data: { slug: "vw-b", name: "B" } });
  const provider = await db.provider.create({ data: { name: "vw-sandbox", kind: "sandbox" } });
  const offProvider = await db.provider.create({ data: { name: "vw-off", kind: "sandbox", isEnabled: false } });
  const price = { inputPricePerMTok: "1", outputPricePerMTok: "2", contextWindow: 8000 };
  const model = (providerId: string, name: string, isEnabled = true) =>
    db.model.create({ data: { providerId, name, displayName: name, isEnabled, ...price } });
  const credential = (teamId: string, name: string) =>
    db.credential.create({ data: { teamId, name, kind: "bearer", encryptedData: "x" } });
  const route = (name: string, isEnabled: boolean) =>
    db.route.create({ data: { name, strategy: "fallback", targets: [], isEnabled } });
  await Promise.all([route("vw-chat", true), route("vw-off", false)]);
  return {
    teamA: a.id,
    self: await workflow(db, a.id, "self", "draft"),
    child: await workflow(db, a.id, "child", "published"),
    draftChild: await workflow(db, a.id, "draft-child", "draft"),
    archivedChild: await workflow(db, a.id, "archived-child", "archived"),
    otherTeamChild: await workflow(db, b.id, "other-team-child", "published"),
    kbA: (await db.knowledgeBase.create({ data: { teamId: a.id, name: "kb" } })).id,
    kbB: (await db.knowledgeBase.create({ data: { teamId: b.id, name: "kb" } })).id,
    credA: (await credential(a.id, "api")).id,
    credB: (await credential(b.id, "api")).id,
    model: (await model(provider.id, "good")).id,
    offModel: (await model(provider.id, "disabled", false)).id,
    offProviderModel: (await model(offProvider.id, "orphaned")).id,
  };
}

beforeAll(async () => {
  t = await createTestDatabase("validatewf");
  ids = await seed(t.db);
});
afterAll(async () => t.drop());

type TRefs = { child: string; kb: string; cred: string; model: string; route: string; classifierModel: string };

/** start → call (sub-workflow) → search (retrieval) → ask (LLM, model) → sort (classifier, route) → fetch (HTTP) */
function graph(refs: TRefs): TRawGraph {
  const labels = [{ id: "yes" }, { id: "no" }];
  return {
    nodes: [
      node("start", "trigger.manual"),
      node("call", "control.subworkflow", { workflowId: refs.child }),
      node("search", "ai.retrieval", { knowledgeBaseId: refs.kb, query: "{{ trigger.body.q }}" }),
      node("ask", "ai.llm", { model: { kind: "model", modelId: refs.model }, prompt: "{{ nodes.search.output }}" }),
      node("sort", "ai.classifier", {
        labels,
        input: "{{ nodes.ask.output.text }}",
        model: { kind: "route", routeName: refs.route },
      }),
      node("local", "ai.classifier", {
        labels,
        mode: "local",
        input: "x",
        model: { kind: "model", modelId: refs.classifierModel },
      }),
      node("fetch", "tool.http", { url: "https://api.example.com", credentialId: refs.cred }),
    ],
    edges: [
      edge("start", "call"),
      edge("call", "search"),
      edge("search", "ask"),
      edge("ask", "sort"),
      edge("sort", "local", "yes"),
      edge("local", "fetch", "no"),
    ],
  };
}

describe("validateWorkflow", () => {
  it("accepts references to the team's records, enabled models and routes", async () => {
    const refs = {
      child: ids.child,
      kb: ids.kbA,
      cred: ids.credA,
      model: ids.model,
      route: "vw-chat",
      classifierModel: "gone",
    };
    const result = await validateWorkflow(t.db, { teamId: ids.teamA, workflowId: ids.self, graph: graph(refs) });
    expect(result).toEqual({ isValid: true, problems: [] });
  });

  it("reports references to other teams' records and to missing ones, with node and field", async () => {
    const refs = {
      child: ids.otherTeamChild,
      kb: ids.kbB,
      cred: ids.credB,
      model: "missing",
      route: "vw-missing",
      classifierModel: "gone",
    };
    const { isValid, problems } = await validateWorkflow(t.db, {
      teamId: ids.teamA,
      workflowId: ids.self,
      graph: graph(refs),
    });
    expect(isValid).toBe(false);
    expect(problems.map((p) => [p.code, p.nodeId, p.field])).toEqual([
      ["unknown_workflow", "call", "workflowId"],
      ["unknown_knowledge_base", "search", "knowledgeBaseId"],
      ["unknown_credential", "fetch", "credentialId"],
      ["unknown_model", "ask", "model.modelId"],
      ["unknown_route", "sort", "model.routeName"],
    ]);
    expect(problems[0]!.message).toBe('Node "call": the workflow it calls does not exist in this team.');
  });

  it("reports disabled models (or providers) and routes", async () => {
    const base = { child: ids.child, kb: ids.kbA, cred: ids.credA, classifierModel: "gone" };
    const off = await validateWorkflow(t.db, {
      teamId: ids.teamA,
      graph: graph({ ...base, model: ids.offModel, route: "vw-off" }),
    });
    expect(off.problems.map((p) => [p.code, p.nodeId])).toEqual([
      ["model_disabled", "ask"],
      ["route_disabled", "sort"],
    ]);
    const orphan = await validateWorkflow(t.db, {
      teamId: ids.teamA,
      graph: graph({ ...base, model: ids.offProviderModel, route: "vw-chat" }),
    });
    expect(orphan.problems.map((p) => p.message)).toEqual([
      'Node "ask": the model "orphaned" cannot be used because its provider "vw-off" is disabled; choose another model or ask an admin.',
    ]);
  });

  it("refuses calling itself, and workflows that are not published or were archived", async () => {
    const refs = { kb: ids.kbA, cred: ids.credA, model: ids.model, route: "vw-chat", classifierModel: "gone" };
    const self = await validateWorkflow(t.db, {
      teamId: ids.teamA,
      workflowId: ids.self,
      graph: graph({ ...refs, child: ids.self }),
    });
    expect(self.problems.map((p) => [p.code, p.nodeId])).toEqual([["subworkflow_recursion", "call"]]);
    const draft = await validateWorkflow(t.db, { teamId: ids.teamA, graph: graph({ ...refs, child: ids.draftChild }) });
    expect(draft.problems.map((p) => p.message)).toEqual([
      'Node "call": the workflow "draft-child" it calls has no published version yet; publish it first.',
    ]);
    const archived = await validateWorkflow(t.db, {
      teamId: ids.teamA,
      graph: graph({ ...refs, child: ids.archivedChild }),
    });
    expect(archived.problems.map((p) => p.code)).toEqual(["subworkflow_not_published"]);
  });

  it("keeps the graph's own problems next to the reference problems", async () => {
    const refs = {
      child: "nope",
      kb: ids.kbA,
      cred: ids.credA,
      model: ids.model,
      route: "vw-chat",
      classifierModel: "gone",
    };
    const broken = graph(refs);
    broken.edges.push(edge("fetch", "fetch"));
    const { problems } = await validateWorkflow(t.db, { teamId: ids.teamA, graph: broken });
    expect(problems.map((p) => p.code)).toEqual(["self_loop", "unknown_workflow"]);
  });
});
