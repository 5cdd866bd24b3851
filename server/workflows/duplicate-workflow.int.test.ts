import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encryptSecret } from "../crypto/secret-box";
import { duplicateWorkflow } from "./duplicate-workflow";
import { validateWorkflow } from "./validate-workflow";
import { createSeededDemo, errorOf, type TSeededDemo } from "./seeded-demo.test-helper";

type TGraph = { nodes: { id: string; type: string; config: Record<string, unknown> }[] };

let demo: TSeededDemo;
const FRAUD = "Fraud triage with compliance review";
const SUPPORT = "Customer-support triage";

beforeAll(async () => {
  demo = await createSeededDemo("wfdup");
}, 120_000);
afterAll(async () => demo.t.drop());

describe("duplicateWorkflow", () => {
  it("copies the draft graph, description and tags into a new draft named Copy of …, audited", async () => {
    const builder = await demo.principal("builder");
    const sourceId = await demo.workflowId(FRAUD);
    const source = await demo.t.db.workflow.findUniqueOrThrow({ where: { id: sourceId } });
    const copy = await duplicateWorkflow(demo.t.db, builder, sourceId, {});
    expect(copy.name).toBe(`Copy of ${FRAUD}`);
    const row = await demo.t.db.workflow.findUniqueOrThrow({ where: { id: copy.id } });
    expect(row).toMatchObject({
      teamId: source.teamId,
      status: "draft",
      publishedVersionId: null,
      description: source.description,
      tags: source.tags,
      createdById: builder.id,
    });
    expect(row.draftGraph).toEqual(source.draftGraph);
    expect(row.webhookSecret).not.toBe(source.webhookSecret);
    expect(await demo.t.db.workflowVersion.count({ where: { workflowId: copy.id } })).toBe(0);
    const audit = await demo.t.db.auditEvent.findFirstOrThrow({ where: { resourceId: copy.id } });
    expect(audit).toMatchObject({ action: "workflow.duplicated", actorId: builder.id, teamId: source.teamId });
    expect(audit.data).toMatchObject({ name: copy.name, sourceWorkflowId: sourceId });

    expect((await duplicateWorkflow(demo.t.db, builder, sourceId, {})).name).toBe(`Copy of ${FRAUD} (2)`);
    expect((await duplicateWorkflow(demo.t.db, builder, sourceId, { name: "  Fraud v2  " })).name).toBe("Fraud v2");
    expect((await errorOf(duplicateWorkflow(demo.t.db, builder, sourceId, { name: "Fraud v2" })))?.status).toBe(409);
  });

  it("into another team, re-links credentials by name and leaves the others empty", async () => {
    const builder = await demo.principal("builder");
    const care = demo.teamIds["customer-care"];
    const own = await demo.t.db.credential.create({
      data: { teamId: care, name: "case-management-api", kind: "bearer", encryptedData: encryptSecret({ token: "t" }) },
    });
    const toCare = await duplicateWorkflow(demo.t.db, builder, await demo.workflowId(FRAUD), { teamId: care });
    const graph = (await demo.t.db.workflow.findUniqueOrThrow({ where: { id: toCare.id } })).draftGraph as TGraph;
    expect(toCare.teamId).toBe(care);
    expect(graph.nodes.find((n) => n.id === "open_case")?.config.credentialId).toBe(own.id);

    const risk = demo.teamIds["risk-ops"];
    const toRisk = await duplicateWorkflow(demo.t.db, builder, await demo.workflowId(SUPPORT), { teamId: risk });
    const moved = (await demo.t.db.workflow.findUniqueOrThrow({ where: { id: toRisk.id } })).draftGraph as TGraph;
    expect(moved.nodes.filter((n) => n.type === "tool.http").map((n) => n.config.credentialId)).toEqual([null, null]);
    const { problems } = await validateWorkflow(demo.t.db, { teamId: risk, workflowId: toRisk.id, graph: moved });
    expect(problems.map((p) => p.code)).toEqual(["unknown_knowledge_base"]);
  });

  it("refuses a viewer (403) and hides workflows of other teams (404), creating nothing", async () => {
    const before = await demo.t.db.workflow.count();
    const viewer = await demo.principal("viewer");
    expect((await errorOf(duplicateWorkflow(demo.t.db, viewer, await demo.workflowId(FRAUD), {})))?.status).toBe(403);
    const builder = await demo.principal("builder");
    expect((await errorOf(duplicateWorkflow(demo.t.db, builder, "no-such-workflow", {})))?.status).toBe(404);
    const outsider = { ...builder, memberships: [] };
    expect((await errorOf(duplicateWorkflow(demo.t.db, outsider, await demo.workflowId(FRAUD), {})))?.status).toBe(404);
    expect(await demo.t.db.workflow.count()).toBe(before);
  });
});
