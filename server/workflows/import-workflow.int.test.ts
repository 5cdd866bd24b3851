import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportWorkflow } from "./export-workflow";
import { importWorkflow } from "./import-workflow";
import { validateGraph } from "./validate-graph.shared";
import { edge, node } from "./validate-graph-test-graphs";
import { createSeededDemo, errorOf, type TSeededDemo } from "./seeded-demo.test-helper";

type TGraph = { nodes: { id: string; type: string; config: Record<string, unknown> }[] };

let demo: TSeededDemo;
const FRAUD = "Fraud triage with compliance review";

beforeAll(async () => {
  demo = await createSeededDemo("wfimport");
}, 120_000);
afterAll(async () => demo.t.drop());

const envelope = (graph: unknown, extra: Record<string, unknown> = {}) => ({
  format: "baton.workflow",
  formatVersion: 1,
  workflow: { name: "Imported", description: "", tags: [], graph },
  ...extra,
});

/** Two triggers, an expression that does not parse, a reference to a node that does not exist, a port that does not exist. */
const brokenGraph = () => ({
  nodes: [
    node("start", "trigger.manual"),
    node("hook", "trigger.webhook"),
    node("check", "control.condition", { condition: "trigger.body.amount >" }),
    node("shape", "tool.transform", { expression: "nodes.ghost.output" }),
  ],
  edges: [edge("start", "check"), edge("check", "shape", "maybe")],
});

describe("importWorkflow", () => {
  it("round-trips an export: same graph, credentials re-linked by name, a fresh draft, audited", async () => {
    const builder = await demo.principal("builder");
    const sourceId = await demo.workflowId(FRAUD);
    const source = await demo.t.db.workflow.findUniqueOrThrow({ where: { id: sourceId } });
    const { document } = await exportWorkflow(demo.t.db, builder, sourceId);
    // As a file would arrive: serialized and parsed again.
    const imported = await importWorkflow(demo.t.db, builder, { teamId: source.teamId, document: JSON.parse(JSON.stringify(document)) });
    expect(imported).toMatchObject({ name: `${FRAUD} (2)`, problems: [] });
    const row = await demo.t.db.workflow.findUniqueOrThrow({ where: { id: imported.id } });
    expect(row).toMatchObject({ status: "draft", teamId: source.teamId, description: source.description, tags: source.tags, createdById: builder.id });
    expect(row.draftGraph).toEqual(source.draftGraph);
    expect(row.webhookSecret).not.toBe(source.webhookSecret);
    const audit = await demo.t.db.auditEvent.findFirstOrThrow({ where: { resourceId: imported.id } });
    expect(audit).toMatchObject({ action: "workflow.imported", actorId: builder.id });

    // Into a team without that credential: imported, the credential left empty for the person to choose.
    const care = demo.teamIds["customer-care"];
    const elsewhere = await importWorkflow(demo.t.db, builder, { teamId: care, name: "Fraud for care", document });
    const graph = (await demo.t.db.workflow.findUniqueOrThrow({ where: { id: elsewhere.id } })).draftGraph as TGraph;
    expect(graph.nodes.find((n) => n.id === "open_case")?.config.credentialId).toBeNull();
    expect(elsewhere.name).toBe("Fraud for care");
  });

  it("refuses an invalid graph listing every problem by node, and creates nothing", async () => {
    const before = await demo.t.db.workflow.count();
    const graph = brokenGraph();
    const expected = validateGraph(graph).problems;
    expect(expected.length).toBeGreaterThanOrEqual(4);
    const refused = await errorOf(
      importWorkflow(demo.t.db, await demo.principal("builder"), { teamId: demo.teamIds["risk-ops"], document: envelope(graph) }),
    );
    expect(refused?.status).toBe(400);
    expect(refused?.message).toContain("cannot be imported");
    expect(refused?.details?.problems).toEqual(expected);
    const nodes = new Set(expected.flatMap((p) => [p.nodeId, ...(p.nodeIds ?? [])]));
    for (const id of ["hook", "check", "shape"]) expect(nodes).toContain(id);
    expect(refused?.issues).toHaveLength(expected.length);

    const notAGraph = await errorOf(
      importWorkflow(demo.t.db, await demo.principal("builder"), { teamId: demo.teamIds["risk-ops"], document: envelope({ nodes: "x" }) }),
    );
    expect(notAGraph?.status).toBe(400);
    expect((notAGraph?.details?.problems as unknown[]).length).toBeGreaterThan(0);
    expect(await demo.t.db.workflow.count()).toBe(before);
  });

  it("names what is wrong with a file that is not a workflow export of a version it reads", async () => {
    const builder = await demo.principal("builder");
    const teamId = demo.teamIds["risk-ops"];
    const refusal = async (document: unknown) => errorOf(importWorkflow(demo.t.db, builder, { teamId, document }));
    const graph = { nodes: [node("start", "trigger.manual")], edges: [] };

    expect(await refusal([1, 2])).toMatchObject({ status: 400, message: expect.stringContaining("JSON object") });
    expect(await refusal({ ...envelope(graph), format: "n8n" })).toMatchObject({ message: expect.stringContaining('"n8n"') });
    expect(await refusal({ workflow: {} })).toMatchObject({ message: expect.stringContaining('no "format" field') });
    expect(await refusal({ ...envelope(graph), formatVersion: 7 })).toMatchObject({ message: expect.stringContaining("version 7") });
    expect(await refusal({ ...envelope(graph), formatVersion: "1" })).toMatchObject({ message: expect.stringContaining("not supported") });
    const noName = await refusal({ ...envelope(graph), workflow: { graph } });
    expect(noName?.status).toBe(400);
    expect(noName?.issues.map((i) => i.path)).toContain("workflow.name");
  });

  it("refuses a viewer with a 403 before reading the document", async () => {
    const { document } = await exportWorkflow(demo.t.db, await demo.principal("viewer"), await demo.workflowId(FRAUD));
    const refused = await errorOf(
      importWorkflow(demo.t.db, await demo.principal("viewer"), { teamId: demo.teamIds["risk-ops"], document }),
    );
    expect(refused?.status).toBe(403);
  });
});
