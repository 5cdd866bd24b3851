import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_TEMPLATES } from "../seed/seed-workflows";
import { createWorkflow } from "./create-workflow";
import { listTemplates } from "./templates";
import { validateWorkflow } from "./validate-workflow";
import { createSeededDemo, errorOf, type TSeededDemo } from "./seeded-demo.test-helper";

let demo: TSeededDemo;
beforeAll(async () => {
  demo = await createSeededDemo("wftpl");
}, 120_000);
afterAll(async () => demo.t.drop());

describe("workflow templates", () => {
  it("lists the three demo use cases without graphs", () => {
    const templates = listTemplates();
    expect(templates.map((t) => t.key)).toEqual(["fraud-triage", "support-triage", "incident-response"]);
    for (const t of templates) {
      expect(t).not.toHaveProperty("graph");
      expect(t.category).not.toBe("");
      expect(t.nodeCount).toBeGreaterThan(3);
    }
  });

  it("creates a draft with the template's graph: the seeded demo workflow's graph, references resolved", async () => {
    const builder = await demo.principal("builder");
    for (const template of DEMO_TEMPLATES) {
      const teamId = demo.teamIds[template.teamSlug];
      const created = await createWorkflow(demo.t.db, builder, { teamId, name: `${template.name} (mine)`, templateKey: template.key });
      const seeded = await demo.t.db.workflow.findUniqueOrThrow({ where: { id: await demo.workflowId(template.name) } });
      expect(created).toMatchObject({
        status: "draft",
        templateKey: template.key,
        description: template.description,
        tags: template.tags,
        createdById: builder.id,
      });
      expect(created.draftGraph).toEqual(seeded.draftGraph);
      expect(listTemplates().find((t) => t.key === template.key)?.nodeCount).toBe(
        (seeded.draftGraph as { nodes: unknown[] }).nodes.length,
      );
      const { problems } = await validateWorkflow(demo.t.db, { teamId, workflowId: created.id, graph: created.draftGraph });
      expect(problems).toEqual([]);
      const audit = await demo.t.db.auditEvent.findFirstOrThrow({ where: { resourceId: created.id, action: "workflow.created" } });
      expect(audit.data).toMatchObject({ templateKey: template.key });
    }
  });

  it("leaves references the team does not have for the person to fix, without failing", async () => {
    const builder = await demo.principal("builder");
    // Support triage searches Customer Care's Help Centre and calls its help-desk credential; Risk Ops has neither.
    const teamId = demo.teamIds["risk-ops"];
    const created = await createWorkflow(demo.t.db, builder, { teamId, name: "Support in risk", templateKey: "support-triage" });
    const graph = created.draftGraph as { nodes: { id: string; type: string; config: Record<string, unknown> }[] };
    const retrieval = graph.nodes.find((n) => n.type === "ai.retrieval");
    expect(retrieval?.config.knowledgeBaseId).toBe("");
    expect(graph.nodes.filter((n) => n.type === "tool.http").map((n) => n.config.credentialId)).toEqual([null, null]);
    const { problems } = await validateWorkflow(demo.t.db, { teamId, workflowId: created.id, graph: created.draftGraph });
    expect(problems.map((p) => [p.nodeId, p.field])).toContainEqual([retrieval?.id, "knowledgeBaseId"]);
  });

  it("refuses an unknown template with a 400 and a viewer with a 403, creating nothing", async () => {
    const before = await demo.t.db.workflow.count();
    const teamId = demo.teamIds["risk-ops"];
    const unknown = await errorOf(
      createWorkflow(demo.t.db, await demo.principal("builder"), { teamId, name: "X", templateKey: "no-such-template" }),
    );
    expect(unknown?.status).toBe(400);
    expect(unknown?.message).toContain('"no-such-template"');
    const both = await errorOf(
      createWorkflow(demo.t.db, await demo.principal("builder"), { teamId, name: "Y", templateKey: "fraud-triage", graph: { nodes: [], edges: [] } }),
    );
    expect(both?.status).toBe(400);
    const viewer = await errorOf(
      createWorkflow(demo.t.db, await demo.principal("viewer"), { teamId, name: "Z", templateKey: "fraud-triage" }),
    );
    expect(viewer?.status).toBe(403);
    expect(await demo.t.db.workflow.count()).toBe(before);
  });
});
