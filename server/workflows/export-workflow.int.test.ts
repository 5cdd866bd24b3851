import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportWorkflow, fileSlug } from "./export-workflow";
import { createSeededDemo, errorOf, type TSeededDemo } from "./seeded-demo.test-helper";

type TGraph = { nodes: { id: string; type: string; config: Record<string, unknown> }[]; edges: unknown[] };

let demo: TSeededDemo;
const NOW = new Date("2026-11-20T10:00:00.000Z");

beforeAll(async () => {
  demo = await createSeededDemo("wfexport");
}, 120_000);
afterAll(async () => demo.t.drop());

describe("exportWorkflow", () => {
  it("exports the draft in a versioned envelope, naming references instead of leaking secrets", async () => {
    for (const name of ["Fraud triage with compliance review", "Customer-support triage", "IT incident response"]) {
      const source = await demo.t.db.workflow.findUniqueOrThrow({ where: { id: await demo.workflowId(name) } });
      const { filename, document } = await exportWorkflow(demo.t.db, await demo.principal("viewer"), source.id, NOW);
      expect(filename).toBe(`${fileSlug(name)}.baton-workflow.json`);
      expect(document).toMatchObject({
        format: "baton.workflow",
        formatVersion: 1,
        exportedAt: NOW.toISOString(),
        workflow: { name, description: source.description, tags: source.tags },
      });
      const draft = source.draftGraph as TGraph;
      const graph = document.workflow.graph as TGraph;
      expect(graph.edges).toEqual(draft.edges);
      expect(graph.nodes.map((n) => n.id)).toEqual(draft.nodes.map((n) => n.id));

      // No secret leaves: not the webhook secret, no credential id, no encrypted credential data.
      const text = JSON.stringify(document);
      const credentials = await demo.t.db.credential.findMany();
      expect(text).not.toContain(source.webhookSecret);
      expect(text).not.toContain("whsec_");
      for (const c of credentials) {
        expect(text).not.toContain(c.id);
        expect(text).not.toContain(c.encryptedData);
      }
      for (const n of graph.nodes.filter((x) => x.type === "tool.http")) expect(n.config.credentialId).toBeNull();
      // …and each credential the draft used is named, so an import can re-link it.
      const used = draft.nodes.filter((n) => typeof n.config.credentialId === "string");
      expect(used.length).toBeGreaterThan(0);
      for (const n of used) {
        const credential = credentials.find((c) => c.id === n.config.credentialId);
        expect(document.references).toContainEqual({ nodeId: n.id, kind: "credential", field: "credentialId", name: credential?.name });
      }
    }
  });

  it("names models and knowledge bases, keeping their ids", async () => {
    const fraud = await exportWorkflow(demo.t.db, await demo.principal("builder"), await demo.workflowId("Fraud triage with compliance review"));
    expect(fraud.document.references).toContainEqual({ nodeId: "score", kind: "model", field: "model.modelId", name: "sandbox-smart" });
    const support = await exportWorkflow(demo.t.db, await demo.principal("builder"), await demo.workflowId("Customer-support triage"));
    expect(support.document.references.filter((r) => r.kind === "knowledgeBase").map((r) => r.name)).toContain("Help Centre");
  });

  it("makes a safe file name and hides workflows the person cannot see", async () => {
    expect(fileSlug("Ünïcode & Co: «Triage» / v2")).toBe("unicode-co-triage-v2");
    expect(fileSlug("日本語")).toBe("workflow");
    const outsider = { ...(await demo.principal("builder")), memberships: [] };
    const id = await demo.workflowId("IT incident response");
    expect((await errorOf(exportWorkflow(demo.t.db, outsider, id)))?.status).toBe(404);
  });
});
